package io.afterhours.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class MailboxHealthTest {
  private static final Instant T0 = Instant.parse("2026-11-28T14:00:00Z");

  /** A "random" source that always sits in the middle: no jitter at all. */
  private static final RandomGenerator NO_JITTER = () -> 0L;

  private static final RandomGenerator MIDDLE =
      new RandomGenerator() {
        @Override
        public long nextLong() {
          return 0;
        }

        @Override
        public double nextDouble() {
          return 0.5;
        }
      };

  @Test
  void theBackoffDoublesFromFiveSecondsWhileNoJitterIsDrawn() {
    MailboxHealth health = new MailboxHealth("work", MIDDLE);

    assertThat(health.backoff(1)).isEqualTo(Duration.ofSeconds(5));
    assertThat(health.backoff(2)).isEqualTo(Duration.ofSeconds(10));
    assertThat(health.backoff(3)).isEqualTo(Duration.ofSeconds(20));
    assertThat(health.backoff(4)).isEqualTo(Duration.ofSeconds(40));
    assertThat(health.backoff(8)).isEqualTo(Duration.ofSeconds(640));
  }

  @Test
  void theBackoffStopsGrowingAtFifteenMinutesAndNeverOverflows() {
    MailboxHealth health = new MailboxHealth("work", MIDDLE);

    assertThat(health.backoff(9)).isEqualTo(Duration.ofMinutes(15));
    assertThat(health.backoff(30)).isEqualTo(Duration.ofMinutes(15));
    assertThat(health.backoff(Integer.MAX_VALUE)).isEqualTo(Duration.ofMinutes(15));
  }

  @Test
  void jitterStretchesOrShrinksEveryWaitByAtMostTwentyPercentButNeverPastFifteenMinutes() {
    MailboxHealth health = new MailboxHealth("work", new SplittableRandom(20261128L));
    Duration shortest = Duration.ofDays(1);
    Duration longest = Duration.ZERO;

    for (int i = 0; i < 2_000; i++) {
      int attempt = 1 + i % 12;
      long base = Math.min(5_000L << (attempt - 1), Duration.ofMinutes(15).toMillis());
      Duration wait = health.backoff(attempt);
      long ceiling = Duration.ofMinutes(15).toMillis();
      assertThat(wait.toMillis())
          .isBetween((long) (base * 0.8), Math.min((long) (base * 1.2), ceiling));
      if (attempt == 12) {
        shortest = wait.compareTo(shortest) < 0 ? wait : shortest;
        longest = wait.compareTo(longest) > 0 ? wait : longest;
      }
    }

    // The jitter really is random: waits at the ceiling spread over 12 to 15 minutes.
    assertThat(shortest).isLessThan(Duration.ofMinutes(13));
    assertThat(longest).isEqualTo(Duration.ofMinutes(15));
  }

  @Test
  void theLowestDrawShrinksTheWaitByTwentyPercent() {
    assertThat(new MailboxHealth("work", NO_JITTER).backoff(1)).isEqualTo(Duration.ofSeconds(4));
  }

  @Test
  void failuresAreCountedAndEachPushesTheNextAttemptFurtherOut() {
    MailboxHealth health = new MailboxHealth("work", MIDDLE);
    assertThat(health.mayTry(T0)).isTrue();

    health.failed(T0, "connection refused");
    assertThat(health.failures()).isEqualTo(1);
    assertThat(health.mayTry(T0.plusSeconds(4))).isFalse();
    assertThat(health.mayTry(T0.plusSeconds(5))).isTrue();

    Instant second = T0.plusSeconds(5);
    health.failed(second, "connection refused");
    assertThat(health.failures()).isEqualTo(2);
    assertThat(health.mayTry(second.plusSeconds(9))).isFalse();
    assertThat(health.mayTry(second.plusSeconds(10))).isTrue();
  }

  @Test
  void aSuccessResetsTheCountAndAllowsTheNextAttemptAtOnce() {
    MailboxHealth health = new MailboxHealth("work", MIDDLE);
    health.failed(T0, "down");
    health.failed(T0, "still down");

    health.succeeded();

    assertThat(health.failures()).isZero();
    assertThat(health.mayTry(T0)).isTrue();
    health.failed(T0, "down again");
    assertThat(health.failures()).isEqualTo(1);
    assertThat(health.mayTry(T0.plusSeconds(5))).isTrue();
  }
}
