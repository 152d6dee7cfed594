package io.afterhours.mail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny server on a dynamic loopback port that treats each connection as told: silent, odd, or
 * speaking just enough of a protocol. For the servers GreenMail cannot be.
 */
public final class HandMadeServer implements AutoCloseable {
  /** What to do with the {@code index}th connection (0 for the first). */
  interface Handler {
    void handle(Socket connection, int index) throws Exception;
  }

  private final ServerSocket listener;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final List<Socket> connections = new CopyOnWriteArrayList<>();
  private final AtomicInteger accepted = new AtomicInteger();

  HandMadeServer(Handler handler) throws IOException {
    listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    threads.execute(
        () -> {
          while (!listener.isClosed()) {
            try {
              Socket connection = listener.accept();
              connections.add(connection);
              int index = accepted.getAndIncrement();
              threads.execute(
                  () -> {
                    try {
                      handler.handle(connection, index);
                    } catch (Exception e) {
                      // the client hung up, or the test is over
                    }
                  });
            } catch (IOException closed) {
              return;
            }
          }
        });
  }

  /** A server that accepts connections and never says a word. */
  static HandMadeServer silent() throws IOException {
    return new HandMadeServer((connection, index) -> connection.getInputStream().read());
  }

  public int port() {
    return listener.getLocalPort();
  }

  /** How many connections were accepted so far. */
  int accepted() {
    return accepted.get();
  }

  @Override
  public void close() throws IOException {
    listener.close();
    for (Socket connection : connections) {
      connection.close();
    }
    threads.shutdownNow();
  }
}
