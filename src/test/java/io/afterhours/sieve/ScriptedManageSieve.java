package io.afterhours.sieve;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A ManageSieve server on a dynamic loopback port that greets with given capabilities and answers
 * each command as a function of its line says; it records every command, literals included.
 */
final class ScriptedManageSieve implements AutoCloseable {
  private static final Pattern LITERAL = Pattern.compile("\\{(\\d+)\\+?}$");

  final List<String> received = new CopyOnWriteArrayList<>();
  private final ServerSocket server;
  private final Thread thread;

  ScriptedManageSieve(String greeting, Function<String, String> answers) throws IOException {
    this(greeting, answers, null);
  }

  /**
   * @param tls answers STARTTLS with OK, a TLS handshake with this context's key, and the greeting
   *     again; null to answer it like any other command
   */
  ScriptedManageSieve(String greeting, Function<String, String> answers, SSLContext tls)
      throws IOException {
    server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    thread =
        new Thread(
            () -> {
              try (Socket plain = server.accept()) {
                Socket s = plain;
                OutputStream out = s.getOutputStream();
                InputStream in = s.getInputStream();
                out.write(greeting.getBytes(StandardCharsets.UTF_8));
                out.flush();
                String command;
                while ((command = readCommand(in)) != null) {
                  received.add(command);
                  if (tls != null && command.equals("STARTTLS")) {
                    out.write(
                        "OK \"Begin TLS negotiation now.\"\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    SSLSocket secured =
                        (SSLSocket) tls.getSocketFactory().createSocket(s, null, s.getPort(), true);
                    secured.setUseClientMode(false);
                    secured.startHandshake();
                    s = secured;
                    out = s.getOutputStream();
                    in = s.getInputStream();
                    received.add("(TLS)");
                    out.write(greeting.getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    continue;
                  }
                  String answer =
                      command.startsWith("LOGOUT") ? "OK \"Bye.\"\r\n" : answers.apply(command);
                  out.write(answer.getBytes(StandardCharsets.UTF_8));
                  out.flush();
                  if (command.startsWith("LOGOUT")) {
                    return;
                  }
                }
              } catch (IOException e) {
                // the client went away; the test looks at what was received
              }
            },
            "scripted-managesieve");
    thread.setDaemon(true);
    thread.start();
  }

  int port() {
    return server.getLocalPort();
  }

  /** One command line; a literal {N+} at its end is read and appended after a line break. */
  private static String readCommand(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) >= 0) {
      if (c == '\n') {
        String text = line.toString(StandardCharsets.UTF_8).stripTrailing();
        Matcher m = LITERAL.matcher(text);
        if (m.find()) {
          byte[] literal = in.readNBytes(Integer.parseInt(m.group(1)));
          String rest = readCommand(in);
          return text
              + "\n"
              + new String(literal, StandardCharsets.UTF_8)
              + (rest == null ? "" : rest);
        }
        return text;
      }
      line.write(c);
    }
    return null;
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
