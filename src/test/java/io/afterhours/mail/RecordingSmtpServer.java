package io.afterhours.mail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A minimal SMTP server on a dynamic loopback port that accepts everything and records the commands
 * it receives. GreenMail answers {@code MAIL FROM:<>} with 250 but then refuses RCPT, so the null
 * reverse-path is checked here, at the protocol level.
 */
final class RecordingSmtpServer implements AutoCloseable {
  final List<String> commands = new CopyOnWriteArrayList<>();
  private final ServerSocket socket;
  private final Thread thread;

  RecordingSmtpServer() throws IOException {
    socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    thread = new Thread(this::serveOne, "recording-smtp");
    thread.setDaemon(true);
    thread.start();
  }

  int port() {
    return socket.getLocalPort();
  }

  private void serveOne() {
    try (Socket client = socket.accept();
        var in =
            new BufferedReader(
                new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
        var out = new PrintWriter(client.getOutputStream(), true, StandardCharsets.UTF_8)) {
      reply(out, "220 recorder");
      String line;
      while ((line = in.readLine()) != null) {
        commands.add(line);
        String verb = line.toUpperCase(java.util.Locale.ROOT);
        if (verb.startsWith("EHLO") || verb.startsWith("HELO")) {
          reply(out, "250 recorder");
        } else if (verb.startsWith("DATA")) {
          reply(out, "354 go ahead");
          while ((line = in.readLine()) != null && !line.equals(".")) {
            // the message itself is not recorded
          }
          reply(out, "250 queued");
        } else if (verb.startsWith("QUIT")) {
          reply(out, "221 bye");
          return;
        } else {
          reply(out, "250 OK");
        }
      }
    } catch (IOException e) {
      if (!socket.isClosed()) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static void reply(PrintWriter out, String line) {
    out.print(line + "\r\n");
    out.flush();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
