package io.afterhours.bench.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The least any client must do to watch many mailboxes with IDLE, as the yardstick of the
 * many-mailboxes benchmark's start: per mailbox one connection, {@code LOGIN}, {@code EXAMINE
 * INBOX} and {@code IDLE}, on as many threads as afterhours connects its watches with, and nothing
 * else (no TLS, no CAPABILITY, no store). On a server that forks a process per connection, as
 * Dovecot does by default, this is the pace of the server's logins, which no client can beat.
 */
final class LoginFloor {
  /** The threads of afterhours' IDLE connects (IdleWatchers). */
  static final int THREADS = 8;

  private LoginFloor() {}

  /**
   * Watches every user's INBOX with IDLE ({@code users} log in with the password "secret") and
   * returns the seconds until all are idling; then hangs up and gives the server a few seconds to
   * end its processes.
   */
  static double watchAll(List<String> users, int port) throws Exception {
    List<Socket> open = new ArrayList<>();
    ExecutorService threads = Executors.newFixedThreadPool(THREADS);
    long start = System.nanoTime();
    try {
      List<Future<Socket>> watches = new ArrayList<>();
      for (String user : users) {
        watches.add(threads.submit(() -> watch(user, port)));
      }
      for (Future<Socket> watch : watches) {
        open.add(watch.get());
      }
      return (System.nanoTime() - start) / 1e9;
    } finally {
      threads.shutdownNow();
      for (Socket socket : open) {
        socket.close();
      }
      Thread.sleep(5_000);
    }
  }

  private static Socket watch(String user, int port) throws IOException {
    Socket socket = new Socket("127.0.0.1", port);
    try {
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
      OutputStream out = socket.getOutputStream();
      expect(in, "* OK", user);
      command(in, out, "a LOGIN \"" + user + "\" secret", "a ", user);
      command(in, out, "b EXAMINE INBOX", "b ", user);
      command(in, out, "c IDLE", "+", user);
      return socket;
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  private static void command(
      BufferedReader in, OutputStream out, String line, String end, String user)
      throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
    String answer = expect(in, end, user);
    if (end.endsWith(" ") && !answer.startsWith(end + "OK")) {
      throw new IOException(user + ": " + line + " -> " + answer);
    }
  }

  /** Reads lines until one begins with {@code prefix}, and returns it. */
  private static String expect(BufferedReader in, String prefix, String user) throws IOException {
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      if (line.startsWith(prefix)) {
        return line;
      }
    }
    throw new IOException(user + ": the server hung up, waiting for " + prefix.trim());
  }
}
