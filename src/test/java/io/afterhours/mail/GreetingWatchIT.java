package io.afterhours.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * A plain connection finds a port that speaks TLS from the first byte after a short patience, and
 * takes nothing else for one: a late greeting is read, a silent server gets its whole timeout.
 * Against hand-made servers whose behaviour each test spells out.
 */
class GreetingWatchIT {
  private static final GreetingWatch WATCH = new GreetingWatch(200, 2_000);
  private static final byte[] TLS_ALERT = {0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28};

  private static Socket connect(HandMadeServer server, int readTimeoutMillis) throws Exception {
    Socket socket = WATCH.createSocket();
    socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
    socket.setSoTimeout(readTimeoutMillis);
    return socket;
  }

  private static String firstLine(Socket socket) throws Exception {
    return new BufferedReader(
            new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
        .readLine();
  }

  @Test
  void aPortThatWaitsForAClientHelloIsFoundAfterThePatienceNotTheReadTimeout() throws Exception {
    // Like an implicit-TLS server: silent until a ClientHello, which it answers with an alert.
    try (HandMadeServer tls =
            new HandMadeServer(
                (connection, index) -> {
                  if (connection.getInputStream().read() == 0x16) {
                    connection.getOutputStream().write(TLS_ALERT);
                    connection.getOutputStream().flush();
                  }
                });
        Socket socket = connect(tls, 60_000)) {
      long start = System.nanoTime();

      Throwable failure = catchThrowable(() -> firstLine(socket));

      assertThat(failure)
          .isInstanceOf(ImplicitTlsException.class)
          .hasMessageContaining("127.0.0.1:" + tls.port())
          .hasMessageContaining("speaks TLS from the first byte");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }
  }

  @Test
  void aGreetingThatComesLateIsReadAfterTheQuestion() throws Exception {
    // A slow plain server: it greets the first connection only once the probe has come (and
    // answered that one in plain text), so the patience has certainly run out.
    CountDownLatch probed = new CountDownLatch(1);
    try (HandMadeServer slow =
            new HandMadeServer(
                (connection, index) -> {
                  if (index == 0) {
                    probed.await();
                    connection.getOutputStream().write("* OK late\r\n".getBytes());
                  } else {
                    connection.getOutputStream().write("* OK hello\r\n".getBytes());
                    probed.countDown();
                  }
                  connection.getOutputStream().flush();
                  connection.getInputStream().read();
                });
        Socket socket = connect(slow, 60_000)) {

      assertThat(firstLine(socket)).isEqualTo("* OK late");
      assertThat(slow.accepted()).as("the greeting connection and the question").isEqualTo(2);
      assertThat(socket.getSoTimeout()).as("the read timeout is restored").isEqualTo(60_000);
    }
  }

  @Test
  void aSilentServerGetsTheWholeReadTimeoutAndIsNotTakenForTls() throws Exception {
    try (HandMadeServer silent = HandMadeServer.silent();
        Socket socket = connect(silent, 1_000)) {

      assertThat(catchThrowable(() -> firstLine(socket)))
          .isInstanceOf(SocketTimeoutException.class)
          .isNotInstanceOf(ImplicitTlsException.class);
      assertThat(silent.accepted()).isEqualTo(2);
    }
  }

  @Test
  void aServerThatGreetsAtOnceIsAskedNothing() throws Exception {
    try (HandMadeServer prompt =
            new HandMadeServer(
                (connection, index) -> {
                  connection.getOutputStream().write("220 ready\r\n".getBytes());
                  connection.getOutputStream().flush();
                  connection.getInputStream().read();
                });
        Socket socket = connect(prompt, 60_000)) {

      assertThat(firstLine(socket)).isEqualTo("220 ready");
      assertThat(prompt.accepted()).isEqualTo(1);
    }
  }
}
