package io.afterhours.daemon;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * An SMTP server on a dynamic loopback port that refuses every recipient for good, as Postfix does
 * for an unknown local user: {@code 550 5.1.1 User unknown}.
 */
final class RefusingSmtpServer implements AutoCloseable {
  private final ServerSocket socket;

  RefusingSmtpServer() throws IOException {
    socket = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
    Thread thread = new Thread(this::serve, "refusing-smtp");
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

  private static void converse(Socket client) throws IOException {
    var in =
        new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
    var out = new PrintWriter(client.getOutputStream(), true, StandardCharsets.UTF_8);
    send(out, "220 refuser");
    String line;
    while ((line = in.readLine()) != null) {
      String verb = line.toUpperCase(Locale.ROOT);
      if (verb.startsWith("RCPT")) {
        send(out, "550 5.1.1 User unknown in local recipient table");
      } else if (verb.startsWith("QUIT")) {
        send(out, "221 bye");
        return;
      } else if (verb.startsWith("DATA")) {
        send(out, "503 5.5.1 No valid recipients");
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
