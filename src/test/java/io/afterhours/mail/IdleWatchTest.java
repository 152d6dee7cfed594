package io.afterhours.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class IdleWatchTest {
  @Test
  void aReconnectWaitVariesByUpToTwentyPercentSoWatchesDoNotAllComeBackAtOnce() {
    Duration retry = Duration.ofSeconds(10);

    assertThat(IdleWatch.jittered(retry, 0.0)).isEqualTo(8_000);
    assertThat(IdleWatch.jittered(retry, 0.5)).isEqualTo(10_000);
    assertThat(IdleWatch.jittered(retry, 0.999_999)).isBetween(11_999L, 12_000L);
  }
}
