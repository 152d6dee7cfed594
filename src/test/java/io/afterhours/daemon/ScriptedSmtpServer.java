package io.afterhours.daemon;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An SMTP server on a dynamic loopback port that answers by the recipient's local part, as real
 * servers do in their bad moments:
 *
 * <ul>
 *   <li>{@code refuse…}: {@code 550 5.1.1 User unknown}, as Postfix says of an unknown local user;
 *   <li>{@code later…}: {@code 452 4.2.2 Mailbox full}, a refusal for now;
 *   <li>{@code doubt…}: takes the whole message after DATA, then hangs up without an answer;
 *   <li>anyone else: accepted, and the recipient recorded.
 * </ul>
 */
final class ScriptedSmtpServer implements AutoCloseable {
  private final ServerSocket socket;
  final List<String> accepted = new CopyOnWriteArrayList<>();

  ScriptedSmtpServer() throws IOException {
    socket = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
    Thread thread = new Thread(this::serve, "scripted-smtp");
    thread.setDaemon(true);
    thread.start();
  }

  int port() {
    return socket.getLocalPort();
  }

  private void serve() {
    while (!socket.isClosed()) {
      try (Socket client = socket.accept()) {
        converse(client);
      } catch (IOException e) {
        // closed, or the client hung up: take the next one
      }
    }
  }

  private void converse(Socket client) throws IOException {
    var in =
        new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
    var out = new PrintWriter(client.getOutputStream(), true, StandardCharsets.UTF_8);
    send(out, "220 scripted");
    String recipient = null;
    String line;
    while ((line = in.readLine()) != null) {
      String verb = line.toUpperCase(Locale.ROOT);
      if (verb.startsWith("RCPT")) {
        String to = line.substring(line.indexOf('<') + 1, line.lastIndexOf('>'));
        if (to.startsWith("refuse")) {
          send(out, "550 5.1.1 User unknown in local recipient table");
        } else if (to.startsWith("later")) {
          send(out, "452 4.2.2 Mailbox full");
        } else {
          recipient = to;
          send(out, "250 OK");
        }
      } else if (verb.startsWith("DATA")) {
        if (recipient == null) {
          send(out, "503 5.5.1 No valid recipients");
          continue;
        }
        send(out, "354 go ahead");
        while ((line = in.readLine()) != null && !line.equals(".")) {
          // the message
        }
        if (recipient.startsWith("doubt")) {
          return; // hang up: did the reply go out? only we know
        }
        accepted.add(recipient);
        recipient = null;
        send(out, "250 2.0.0 queued");
      } else if (verb.startsWith("RSET")) {
        recipient = null;
        send(out, "250 OK");
      } else if (verb.startsWith("QUIT")) {
        send(out, "221 bye");
        return;
      } else {
        send(out, "250 OK");
      }
    }
  }

  private static void send(PrintWriter out, String line) {
    out.print(line + "\r\n");
    out.flush();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
