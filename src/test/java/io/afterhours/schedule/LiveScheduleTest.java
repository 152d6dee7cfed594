package io.afterhours.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LiveScheduleTest {
  private static final ZoneId JAKARTA = ZoneId.of("Asia/Jakarta");

  /** Monday to Friday 08:00-16:00. */
  private static WorkingSchedule weekdays() {
    Map<DayOfWeek, List<TimeRange>> hours = new EnumMap<>(DayOfWeek.class);
    for (DayOfWeek d : DayOfWeek.values()) {
      hours.put(
          d, d.getValue() <= 5 ? List.of(new TimeRange(8 * 60, 16 * 60)) : List.<TimeRange>of());
    }
    return WorkingSchedule.of(JAKARTA, new WeeklyHours(hours));
  }

  private static Instant at(String local) {
    return java.time.LocalDateTime.parse(local).atZone(JAKARTA).toInstant();
  }

  @Test
  void keptPeriodsCloseTheOfficeBesideTheConfiguredOnesAndCanBeTakenBack() {
    LiveSchedule schedule = new LiveSchedule(weekdays());
    AwayPeriod leave =
        new AwayPeriod(at("2026-11-30T00:00"), at("2026-12-02T00:00"), "away", "cuti");

    assertThat(schedule.isOpenAt(at("2026-11-30T10:00"))).isTrue();
    assertThat(schedule.keep(List.of(leave))).isTrue();
    assertThat(schedule.keep(List.of(leave))).as("the same periods again change nothing").isFalse();

    assertThat(schedule.isOpenAt(at("2026-11-30T10:00"))).isFalse();
    assertThat(schedule.nextOpeningAt(at("2026-11-30T10:00"))).isEqualTo(at("2026-12-02T08:00"));
    assertThat(schedule.closedWindowAt(at("2026-11-30T10:00")).orElseThrow().away())
        .contains(leave);
    assertThat(schedule.configured().awayPeriods()).isEmpty();

    schedule.keep(List.of());
    assertThat(schedule.isOpenAt(at("2026-11-30T10:00"))).isTrue();
  }

  @Test
  void aLeaveEndedEarlyNoLongerExplainsTheNightAfterIt() {
    // Away from Saturday morning, switched off on Saturday evening: the office is still closed
    // for the weekend, and mail of Saturday night gets the weekend's reply, not the leave's.
    AwayPeriod ended =
        new AwayPeriod(at("2026-11-28T09:00"), at("2026-11-28T19:00"), "away", "cuti");
    WorkingSchedule schedule = weekdays().withMoreAway(List.of(ended));

    assertThat(schedule.closedWindowAt(at("2026-11-28T12:00")).orElseThrow().reason())
        .isEqualTo(ClosureReason.AWAY);
    ClosedWindow night = schedule.closedWindowAt(at("2026-11-28T21:00")).orElseThrow();
    assertThat(night.reason()).isEqualTo(ClosureReason.WEEKEND);
    assertThat(night.away()).isEmpty();
    assertThat(schedule.closures(at("2026-11-27T16:00"), at("2026-11-30T08:00")))
        .as("the listing still names the leave for the whole closure")
        .extracting(ClosedWindow::reason)
        .containsExactly(ClosureReason.AWAY);
  }
}
