package io.afterhours.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.angus.mail.util.WriteTimeoutSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class CoarseTimerTest {
  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final CoarseTimer timer = new CoarseTimer(now::get);

  @Test
  void aTaskRunsAtTheFirstSweepAfterItIsDueAndGivesItsResult() throws Exception {
    ScheduledFuture<String> task = timer.schedule(() -> "closed", 30, TimeUnit.SECONDS);

    now.addAndGet(Duration.ofSeconds(29).toNanos());
    timer.sweep();
    assertThat(task.isDone()).as("not due yet").isFalse();

    now.addAndGet(Duration.ofSeconds(1).toNanos());
    timer.sweep();
    assertThat(task.isDone()).isTrue();
    assertThat(task.cancel(true)).as("too late to cancel").isFalse();
    assertThat(task.get(1, TimeUnit.SECONDS)).isEqualTo("closed");
    assertThat(timer.pending()).isZero();
  }

  @Test
  void aCancelledTaskNeverRunsAndLeavesNothingBehind() {
    int[] runs = {0};
    ScheduledFuture<?> task = timer.schedule(() -> runs[0]++, 1, TimeUnit.SECONDS);

    assertThat(task.cancel(true)).isTrue();
    now.addAndGet(Duration.ofSeconds(5).toNanos());
    timer.sweep();

    assertThat(runs[0]).isZero();
    assertThat(task.isCancelled()).isTrue();
    assertThatThrownBy(task::get).isInstanceOf(CancellationException.class);
    assertThat(timer.pending()).as("a cancelled task is dropped at once").isZero();
  }

  @Test
  void aFailingTaskReportsItsFailure() {
    ScheduledFuture<Object> task =
        timer.schedule(
            () -> {
              throw new IOException("already closed");
            },
            0,
            TimeUnit.SECONDS);

    timer.sweep();

    assertThatThrownBy(task::get)
        .isInstanceOf(ExecutionException.class)
        .hasRootCauseMessage("already closed");
  }

  @Test
  @Timeout(60)
  void aWriteToAPeerThatStopsReadingIsAbortedAfterTheTimeout() throws Exception {
    CoarseTimer swept = CoarseTimer.started("test-write-timeouts");
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Socket plain = new Socket()) {
      plain.setSendBufferSize(4096);
      WriteTimeoutSocket socket = new WriteTimeoutSocket(plain, 500, swept);
      socket.connect(server.getLocalSocketAddress());
      try (Socket peer = server.accept()) {
        peer.setReceiveBufferSize(4096); // and never reads
        OutputStream out = socket.getOutputStream();
        byte[] chunk = new byte[64 * 1024];
        long start = System.nanoTime();

        assertThatThrownBy(
                () -> {
                  for (int i = 0; i < 10_000; i++) {
                    out.write(chunk);
                  }
                })
            .isInstanceOf(IOException.class);

        assertThat(Duration.ofNanos(System.nanoTime() - start))
            .as("aborted once the timeout passed, within a sweep")
            .isGreaterThanOrEqualTo(Duration.ofMillis(500));
      }
    }
  }
}
