package io.afterhours.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimeRangeTest {

  @ParameterizedTest
  @ValueSource(
      strings = {"08:00-12:00", "22:00-06:00", "20:00-24:00", "00:00-24:00", " 8:30 - 9:45 "})
  void readsRangesLikeAPersonWritesThem(String text) {
    assertThat(TimeRange.parse(text)).isPresent();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"13:00-25:00", "24:00-02:00", "08:60-09:00", "08:00", "8-12", "10:00-10:00", ""})
  void refusesWhatIsNotATimeRange(String text) {
    assertThat(TimeRange.parse(text)).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void knowsWhenItCrossesMidnight() {
    assertThat(TimeRange.parse("22:00-06:00").orElseThrow().crossesMidnight()).isTrue();
    assertThat(TimeRange.parse("20:00-24:00").orElseThrow().crossesMidnight()).isFalse();
    assertThat(TimeRange.parse("22:00-06:00").orElseThrow().endOffsetMinutes()).isEqualTo(30 * 60);
  }
}
