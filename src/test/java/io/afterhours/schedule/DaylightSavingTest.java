package io.afterhours.schedule;

import static java.time.DayOfWeek.SATURDAY;
import static java.time.DayOfWeek.SUNDAY;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/**
 * Local times in a spring-forward gap move later by the gap; ambiguous local times in a fall-back
 * overlap take the earlier offset (as {@link java.time.ZonedDateTime#of} does).
 */
class DaylightSavingTest {
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  private static Instant at(String isoWithOffset) {
    return OffsetDateTime.parse(isoWithOffset).toInstant();
  }

  @Test
  void anOpeningInsideTheNewYorkSpringGapMovesLaterByTheGap() {
    // 2026-03-08: clocks jump from 02:00 EST to 03:00 EDT.
    var schedule = WorkingSchedule.of(NEW_YORK, Hours.week().on("02:30-04:00", SUNDAY).build());

    assertThat(schedule.nextOpeningAt(at("2026-03-08T00:00-05:00")))
        .isEqualTo(at("2026-03-08T03:30-04:00"));
    // The day's window is 30 minutes long: 03:30 to 04:00 EDT.
    assertThat(schedule.respondBy(at("2026-03-08T00:00-05:00"), Duration.ofMinutes(30)))
        .isEqualTo(at("2026-03-08T04:00-04:00"));
  }

  @Test
  void aNewYorkRangeAcrossTheSpringGapIsAnHourShorter() {
    var schedule = WorkingSchedule.of(NEW_YORK, Hours.week().on("00:00-06:00", SUNDAY).build());

    assertThat(schedule.openWindows(at("2026-03-08T00:00-05:00"), at("2026-03-09T00:00-04:00")))
        .singleElement()
        .satisfies(w -> assertThat(Duration.between(w.open(), w.close())).hasHours(5));
  }

  @Test
  void anAmbiguousNewYorkOpeningTakesTheEarlierOffset() {
    // 2026-11-01: clocks fall back from 02:00 EDT to 01:00 EST; 01:30 happens twice.
    var schedule = WorkingSchedule.of(NEW_YORK, Hours.week().on("01:30-03:00", SUNDAY).build());

    assertThat(schedule.nextOpeningAt(at("2026-11-01T00:00-04:00")))
        .isEqualTo(at("2026-11-01T01:30-04:00"));
    // 01:30 EDT to 03:00 EST is two and a half hours of open time.
    assertThat(schedule.respondBy(at("2026-11-01T00:00-04:00"), Duration.ofMinutes(150)))
        .isEqualTo(at("2026-11-01T03:00-05:00"));
    assertThat(schedule.isOpenAt(at("2026-11-01T01:45-05:00"))).isTrue();
  }

  @Test
  void berlinSpringForwardShortensANightShiftThatSpansIt() {
    // 2026-03-29: 02:00 CET becomes 03:00 CEST; Saturday 22:00 to Sunday 06:00 lasts seven hours.
    var schedule = WorkingSchedule.of(BERLIN, Hours.week().on("22:00-06:00", SATURDAY).build());

    var windows = schedule.openWindows(at("2026-03-28T00:00+01:00"), at("2026-03-30T00:00+02:00"));
    assertThat(windows)
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.open()).isEqualTo(at("2026-03-28T22:00+01:00"));
              assertThat(w.close()).isEqualTo(at("2026-03-29T06:00+02:00"));
              assertThat(Duration.between(w.open(), w.close())).hasHours(7);
            });
  }

  @Test
  void berlinFallBackLengthensARangeThatSpansIt() {
    // 2026-10-25: 03:00 CEST becomes 02:00 CET; 00:00–06:00 lasts seven hours.
    var schedule = WorkingSchedule.of(BERLIN, Hours.week().on("00:00-06:00", SUNDAY).build());

    var window = schedule.openWindows(at("2026-10-25T00:00+02:00"), at("2026-10-26T00:00+01:00"));
    assertThat(window)
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.open()).isEqualTo(at("2026-10-25T00:00+02:00"));
              assertThat(w.close()).isEqualTo(at("2026-10-25T06:00+01:00"));
            });
  }

  @Test
  void anAmbiguousBerlinOpeningTakesTheEarlierOffset() {
    var schedule = WorkingSchedule.of(BERLIN, Hours.week().on("02:30-04:00", SUNDAY).build());

    assertThat(schedule.nextOpeningAt(at("2026-10-25T00:00+02:00")))
        .isEqualTo(at("2026-10-25T02:30+02:00"));
  }
}
