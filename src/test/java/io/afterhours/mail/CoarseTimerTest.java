package io.afterhours.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
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
  void aFixedRateTaskRunsAtEachSweepAfterItIsDueUntilItIsCancelled() {
    int[] runs = {0};
    ScheduledFuture<?> task = timer.scheduleAtFixedRate(() -> runs[0]++, 1, 2, TimeUnit.SECONDS);

    for (int second = 1; second <= 6; second++) {
      now.addAndGet(Duration.ofSeconds(1).toNanos());
      timer.sweep();
    }
    assertThat(runs[0]).as("at 1, 3 and 5 s").isEqualTo(3);

    assertThat(task.cancel(false)).isTrue();
    now.addAndGet(Duration.ofSeconds(10).toNanos());
    timer.sweep();
    assertThat(runs[0]).isEqualTo(3);
    assertThat(timer.pending()).isZero();
  }

  @Test
  void aFixedDelayTaskCountsItsDelayFromTheSweepThatRanIt() {
    int[] runs = {0};
    timer.scheduleWithFixedDelay(() -> runs[0]++, 0, 3, TimeUnit.SECONDS);

    now.addAndGet(Duration.ofSeconds(2).toNanos());
    timer.sweep(); // late: runs at 2 s, next at 5 s
    now.addAndGet(Duration.ofSeconds(2).toNanos());
    timer.sweep(); // 4 s
    assertThat(runs[0]).isEqualTo(1);
    now.addAndGet(Duration.ofSeconds(1).toNanos());
    timer.sweep(); // 5 s
    assertThat(runs[0]).isEqualTo(2);
  }

  @Test
  void aPeriodicTaskThatFailsStopsAndReportsItsFailure() {
    ScheduledFuture<?> task =
        timer.scheduleAtFixedRate(
            () -> {
              throw new IllegalStateException("broken");
            },
            0,
            1,
            TimeUnit.SECONDS);

    timer.sweep();

    assertThat(task.isDone()).isTrue();
    assertThatThrownBy(task::get)
        .isInstanceOf(ExecutionException.class)
        .hasRootCauseMessage("broken");
    assertThat(timer.pending()).isZero();
  }

  @Test
  void aShutDownTimerTakesNoNewTaskAndStillRunsTheOnesScheduledThenTerminates() throws Exception {
    ScheduledFuture<String> waiting = timer.schedule(() -> "ran", 1, TimeUnit.SECONDS);
    ScheduledFuture<?> periodic = timer.scheduleAtFixedRate(() -> {}, 1, 1, TimeUnit.SECONDS);

    timer.shutdown();

    assertThat(timer.isShutdown()).isTrue();
    assertThatThrownBy(() -> timer.schedule(() -> "late", 1, TimeUnit.SECONDS))
        .isInstanceOf(RejectedExecutionException.class);
    assertThat(timer.isTerminated()).isFalse();
    now.addAndGet(Duration.ofSeconds(1).toNanos());
    timer.sweep();
    assertThat(waiting.get(1, TimeUnit.SECONDS)).isEqualTo("ran");
    assertThat(periodic.isCancelled()).as("not run again after a shutdown").isTrue();
    assertThat(timer.isTerminated()).isTrue();
    assertThat(timer.awaitTermination(1, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void shuttingDownNowCancelsAndReturnsTheTasksThatWait() {
    int[] runs = {0};
    timer.schedule(() -> runs[0]++, 1, TimeUnit.SECONDS);
    timer.schedule(() -> runs[0]++, 2, TimeUnit.SECONDS);

    List<Runnable> waiting = timer.shutdownNow();
    now.addAndGet(Duration.ofSeconds(5).toNanos());
    timer.sweep();

    assertThat(waiting).hasSize(2);
    assertThat(runs[0]).isZero();
    assertThat(timer.isTerminated()).isTrue();
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
