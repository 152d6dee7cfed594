package io.afterhours.mail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal SMTP server on a dynamic loopback port that accepts everything and records the commands
 * and messages it receives, over any number of connections at once. GreenMail answers {@code MAIL
 * FROM:<>} with 250 but then refuses RCPT, and announces no SMTPUTF8, so the null reverse-path and
 * internationalized addresses are checked here, at the protocol level. Lines are read as UTF-8, as
 * RFC 6531 sends them.
 */
final class RecordingSmtpServer implements AutoCloseable {
  /** Every command of every connection, in the order they arrived. */
  final List<String> commands = new CopyOnWriteArrayList<>();

  /** Every message received after DATA, its lines joined with CRLF, dot-stuffing undone. */
  final List<String> messages = new CopyOnWriteArrayList<>();

  /** Every message whose connection closed before its final ".": the server takes none of them. */
  final List<String> abandoned = new CopyOnWriteArrayList<>();

  /** How many connections were opened. */
  final AtomicInteger connections = new AtomicInteger();

  private final boolean smtpUtf8;
  private final ServerSocket socket;
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private final java.util.concurrent.atomic.AtomicBoolean closing =
      new java.util.concurrent.atomic.AtomicBoolean();

  /** A server whose EHLO reply announces no extension. */
  RecordingSmtpServer() throws IOException {
    this(false);
  }

  /**
   * @param smtpUtf8 whether the EHLO reply announces SMTPUTF8 (RFC 6531)
   */
  RecordingSmtpServer(boolean smtpUtf8) throws IOException {
    this.smtpUtf8 = smtpUtf8;
    socket = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::acceptAll, "recording-smtp");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return socket.getLocalPort();
  }

  /** The settings of a client that connects to this server without login. */
  ServerSettings settings() {
    return new ServerSettings(
        "127.0.0.1",
        port(),
        ServerSettings.Security.NONE,
        "",
        Secret.none(),
        java.util.Optional.empty(),
        false);
  }

  private void acceptAll() {
    while (!socket.isClosed()) {
      try {
        Socket client = socket.accept();
        connections.incrementAndGet();
        Thread session = new Thread(() -> serve(client), "recording-smtp-session");
        session.setDaemon(true);
        session.start();
      } catch (IOException e) {
        if (!socket.isClosed()) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }

  /**
   * Ends every open connection between two messages as a server's idle timeout does: a 421 reply,
   * then the connection closed.
   */
  void timeOutIdleConnections() throws IOException {
    for (Socket client : open) {
      OutputStream out = client.getOutputStream();
      out.write("421 4.4.2 recorder: idle timeout\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      client.close();
      open.remove(client);
    }
  }

  /**
   * Answers the next command of any connection with 421 and closes that connection, as a server
   * does at its limit of messages per connection.
   */
  void closeAtNextCommand() {
    closing.set(true);
  }

  private void serve(Socket connection) {
    open.add(connection);
    try (Socket client = connection;
        var in =
            new BufferedReader(
                new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
        var out = new PrintWriter(client.getOutputStream(), true, StandardCharsets.UTF_8)) {
      reply(out, "220 recorder");
      String line;
      while ((line = in.readLine()) != null) {
        commands.add(line);
        if (closing.getAndSet(false)) {
          reply(out, "421 4.7.0 recorder: too many messages, closing");
          return;
        }
        String verb = line.toUpperCase(Locale.ROOT);
        if (verb.startsWith("EHLO")) {
          reply(out, smtpUtf8 ? "250-recorder\r\n250-8BITMIME\r\n250 SMTPUTF8" : "250 recorder");
        } else if (verb.startsWith("HELO")) {
          reply(out, "250 recorder");
        } else if (verb.startsWith("DATA")) {
          reply(out, "354 go ahead");
          StringBuilder message = new StringBuilder();
          while ((line = in.readLine()) != null && !line.equals(".")) {
            message.append(line.startsWith(".") ? line.substring(1) : line).append("\r\n");
          }
          if (line == null) {
            abandoned.add(message.toString());
            return;
          }
          messages.add(message.toString());
          reply(out, "250 queued");
        } else if (verb.startsWith("QUIT")) {
          reply(out, "221 bye");
          return;
        } else {
          reply(out, "250 OK");
        }
      }
    } catch (IOException e) {
      if (!socket.isClosed() && !connection.isClosed()) {
        throw new UncheckedIOException(e);
      }
    } finally {
      open.remove(connection);
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
