package io.afterhours.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class HeartbeatTest {
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final Heartbeat heartbeat = new Heartbeat(nanos::get);

  private void wait(Duration duration) {
    nanos.addAndGet(duration.toNanos());
  }

  @Test
  void aNewHeartbeatIsAliveAndStaysAliveWhileItTicks() {
    assertThat(heartbeat.alive()).isTrue();
    for (int round = 0; round < 100; round++) {
      wait(Heartbeat.EVERY);
      heartbeat.tick();
      assertThat(heartbeat.alive()).isTrue();
    }
  }

  @Test
  void threeMissedRoundsMakeItDeadAndTheNextTickAliveAgain() {
    heartbeat.tick();
    wait(Heartbeat.EVERY.multipliedBy(3));
    assertThat(heartbeat.alive()).as("three rounds late").isTrue();

    wait(Duration.ofMillis(1));
    assertThat(heartbeat.alive()).as("more than three rounds late").isFalse();

    heartbeat.tick();
    assertThat(heartbeat.alive()).isTrue();
  }
}
