package io.afterhours.schedule;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.TUESDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkingScheduleTest {
  private static final ZoneId JAKARTA = ZoneId.of("Asia/Jakarta");

  private static Instant jkt(String local) {
    return OffsetDateTime.parse(local + "+07:00").toInstant();
  }

  private final WorkingSchedule sample = WorkingSchedule.of(JAKARTA, Hours.jakartaFreelancer());

  @Test
  void isOpenDuringARangeAndClosedOverLunch() {
    assertThat(sample.isOpenAt(jkt("2026-11-30T08:00"))).isTrue();
    assertThat(sample.isOpenAt(jkt("2026-11-30T11:59"))).isTrue();
    assertThat(sample.isOpenAt(jkt("2026-11-30T12:00"))).isFalse();
    assertThat(sample.isOpenAt(jkt("2026-11-30T13:00"))).isTrue();
    assertThat(sample.isOpenAt(jkt("2026-11-30T16:00"))).isFalse();
  }

  @Test
  void aSaturdayEveningMailWaitsUntilMondayMorning() {
    Instant saturdayNight = jkt("2026-11-28T21:00");

    assertThat(sample.nextOpeningAt(saturdayNight)).isEqualTo(jkt("2026-11-30T08:00"));
    ClosedWindow window = sample.closedWindowAt(saturdayNight).orElseThrow();
    assertThat(window.from()).isEqualTo(jkt("2026-11-27T16:00"));
    assertThat(window.until()).isEqualTo(jkt("2026-11-30T08:00"));
    assertThat(window.reason()).isEqualTo(ClosureReason.WEEKEND);
  }

  @Test
  void aWeekdayWithoutHoursIsADayOffAndOneNextToTheWeekendIsPartOfTheWeekend() {
    // A four-day week: Monday, Tuesday, Thursday and Friday; Wednesday, Saturday, Sunday off.
    WeeklyHours fourDays =
        Hours.week().on("08:00-16:00", MONDAY, TUESDAY, DayOfWeek.THURSDAY, FRIDAY).build();
    WorkingSchedule schedule = WorkingSchedule.of(JAKARTA, fourDays);

    ClosedWindow wednesday = schedule.closedWindowAt(jkt("2026-12-02T10:00")).orElseThrow();
    assertThat(wednesday.reason()).isEqualTo(ClosureReason.DAY_OFF);
    assertThat(wednesday.reason().word()).isEqualTo("day-off");
    assertThat(wednesday.from()).isEqualTo(jkt("2026-12-01T16:00"));
    assertThat(wednesday.until()).isEqualTo(jkt("2026-12-03T08:00"));

    WeeklyHours fridayOff =
        Hours.week()
            .on("08:00-16:00", MONDAY, TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY)
            .build();
    assertThat(
            WorkingSchedule.of(JAKARTA, fridayOff)
                .closedWindowAt(jkt("2026-12-04T10:00"))
                .orElseThrow()
                .reason())
        .as("Friday to Sunday is a long weekend")
        .isEqualTo(ClosureReason.WEEKEND);
  }

  @Test
  void aWeeknightIsANightAndTheNextOpeningIsTheMorning() {
    ClosedWindow window = sample.closedWindowAt(jkt("2026-12-01T20:00")).orElseThrow();

    assertThat(window.reason()).isEqualTo(ClosureReason.NIGHT);
    assertThat(window.from()).isEqualTo(jkt("2026-12-01T16:00"));
    assertThat(window.until()).isEqualTo(jkt("2026-12-02T08:00"));
  }

  @Test
  void theGapBetweenTwoRangesOfOneDayIsABreakNotANight() {
    ClosedWindow lunch = sample.closedWindowAt(jkt("2026-12-01T12:30")).orElseThrow();

    assertThat(lunch.reason()).isEqualTo(ClosureReason.BREAK);
    assertThat(lunch.reason().word()).isEqualTo("break");
    assertThat(lunch.from()).isEqualTo(jkt("2026-12-01T12:00"));
    assertThat(lunch.until()).isEqualTo(jkt("2026-12-01T13:00"));
    assertThat(sample.closures(jkt("2026-12-01T00:00"), jkt("2026-12-02T00:00")))
        .extracting(ClosedWindow::reason)
        .containsExactly(ClosureReason.NIGHT, ClosureReason.BREAK, ClosureReason.NIGHT);
  }

  @Test
  void theMorningAfterANightShiftIsANightThoughItIsOnTheSameDate() {
    WorkingSchedule shifts =
        WorkingSchedule.of(
            JAKARTA, Hours.week().on("22:00-06:00", MONDAY).on("08:00-12:00", TUESDAY).build());

    ClosedWindow gap = shifts.closedWindowAt(jkt("2026-12-01T07:00")).orElseThrow();

    assertThat(gap.from()).isEqualTo(jkt("2026-12-01T06:00"));
    assertThat(gap.until()).isEqualTo(jkt("2026-12-01T08:00"));
    assertThat(gap.reason()).isEqualTo(ClosureReason.NIGHT);
  }

  @Test
  void theNextOpeningOfAnOpenInstantIsThatInstant() {
    Instant open = jkt("2026-11-30T09:15");
    assertThat(sample.nextOpeningAt(open)).isEqualTo(open);
    assertThat(sample.closedWindowAt(open)).isEmpty();
  }

  @Test
  void aRangeOverMidnightBelongsToTheDayItStarts() {
    WorkingSchedule nightShift =
        WorkingSchedule.of(JAKARTA, Hours.week().on("22:00-06:00", MONDAY).build());

    assertThat(nightShift.isOpenAt(jkt("2026-11-30T23:00"))).isTrue();
    assertThat(nightShift.isOpenAt(jkt("2026-12-01T05:59"))).isTrue();
    assertThat(nightShift.isOpenAt(jkt("2026-12-01T06:00"))).isFalse();
    assertThat(nightShift.nextOpeningAt(jkt("2026-12-01T07:00")))
        .isEqualTo(jkt("2026-12-07T22:00"));
  }

  @Test
  void aRangeEndingAt2400JoinsTheNextDaysEarlyRange() {
    WorkingSchedule late =
        WorkingSchedule.of(
            JAKARTA, Hours.week().on("20:00-24:00", MONDAY).on("00:00-02:00", TUESDAY).build());

    List<OpenWindow> windows = late.openWindows(jkt("2026-11-30T00:00"), jkt("2026-12-02T00:00"));

    assertThat(windows)
        .containsExactly(new OpenWindow(jkt("2026-11-30T20:00"), jkt("2026-12-01T02:00")));
    assertThat(late.isOpenAt(jkt("2026-12-01T00:00"))).isTrue();
  }

  @Test
  void aHolidayOnAWeekdayClosesThatDayAndIsNamed() {
    var christmas =
        new DateHolidays(List.of(new DateHolidays.Yearly(MonthDay.of(12, 25), "Natal")));
    var schedule =
        new WorkingSchedule(
            JAKARTA, Hours.jakartaFreelancer(), List.of(christmas), List.of(), List.of());

    Instant christmasMorning = jkt("2026-12-25T09:00");
    assertThat(schedule.isOpenAt(christmasMorning)).isFalse();
    ClosedWindow window = schedule.closedWindowAt(christmasMorning).orElseThrow();
    assertThat(window.reason()).isEqualTo(ClosureReason.HOLIDAY);
    assertThat(window.label()).isEqualTo("Natal");
    assertThat(window.until()).isEqualTo(jkt("2026-12-28T08:00"));
  }

  @Test
  void aHolidayOnASundayIsJustTheWeekend() {
    var sunday =
        new DateHolidays(
            List.of(
                new DateHolidays.DateRange(
                    LocalDate.of(2026, 11, 29), LocalDate.of(2026, 11, 29), "Hari Minggu")));
    var schedule =
        new WorkingSchedule(
            JAKARTA, Hours.jakartaFreelancer(), List.of(sunday), List.of(), List.of());

    assertThat(schedule.closedWindowAt(jkt("2026-11-29T10:00")).orElseThrow().reason())
        .isEqualTo(ClosureReason.WEEKEND);
  }

  @Test
  void anAwayPeriodOverAMonthEndClosesEveryDayOfIt() {
    var leave = new AwayPeriod(jkt("2026-11-30T00:00"), jkt("2026-12-03T00:00"), "away", "cuti");
    var schedule =
        new WorkingSchedule(
            JAKARTA, Hours.jakartaFreelancer(), List.of(), List.of(leave), List.of());

    ClosedWindow window = schedule.closedWindowAt(jkt("2026-12-01T10:00")).orElseThrow();
    assertThat(window.reason()).isEqualTo(ClosureReason.AWAY);
    assertThat(window.label()).isEqualTo("cuti");
    assertThat(window.away()).contains(leave);
    assertThat(window.from()).isEqualTo(jkt("2026-11-27T16:00"));
    assertThat(window.until()).isEqualTo(jkt("2026-12-03T08:00"));
  }

  @Test
  void anAwayPeriodThatEndsMidMorningOpensTheOfficeThen() {
    var trip = new AwayPeriod(jkt("2026-12-01T00:00"), jkt("2026-12-01T10:30"), "away", "");
    var schedule =
        new WorkingSchedule(
            JAKARTA, Hours.jakartaFreelancer(), List.of(), List.of(trip), List.of());

    assertThat(schedule.nextOpeningAt(jkt("2026-11-30T20:00"))).isEqualTo(jkt("2026-12-01T10:30"));
  }

  @Test
  void aTimedClosureCutsTheHoursItCovers() {
    var meeting = new TimedClosure(jkt("2026-12-02T09:00"), jkt("2026-12-02T11:00"), "Rapat");
    var schedule =
        new WorkingSchedule(
            JAKARTA, Hours.jakartaFreelancer(), List.of(), List.of(), List.of(meeting));

    assertThat(schedule.isOpenAt(jkt("2026-12-02T08:30"))).isTrue();
    assertThat(schedule.isOpenAt(jkt("2026-12-02T10:00"))).isFalse();
    ClosedWindow window = schedule.closedWindowAt(jkt("2026-12-02T10:00")).orElseThrow();
    assertThat(window.reason()).isEqualTo(ClosureReason.HOLIDAY);
    assertThat(window.label()).isEqualTo("Rapat");
    assertThat(window.until()).isEqualTo(jkt("2026-12-02T11:00"));
  }

  @Test
  void respondByCountsOnlyOpenTimeAcrossAWeekendAndAHoliday() {
    var holiday =
        new DateHolidays(
            List.of(
                new DateHolidays.DateRange(
                    LocalDate.of(2026, 11, 30), LocalDate.of(2026, 11, 30), "Libur")));
    var schedule =
        new WorkingSchedule(
            JAKARTA, Hours.jakartaFreelancer(), List.of(holiday), List.of(), List.of());

    // Friday 15:00: one hour left on Friday, Monday is a holiday, three more hours on Tuesday.
    Instant friday = jkt("2026-11-27T15:00");
    assertThat(schedule.respondBy(friday, Duration.ofHours(4))).isEqualTo(jkt("2026-12-01T11:00"));
    // Over the lunch break: 4h from Tuesday 08:00 is 13:00 (08–12), 5h is 14:00.
    assertThat(schedule.respondBy(jkt("2026-11-28T21:00"), Duration.ofHours(5)))
        .isEqualTo(jkt("2026-12-01T14:00"));
  }

  @Test
  void respondByOfZeroIsTheNextOpening() {
    assertThat(sample.respondBy(jkt("2026-11-28T21:00"), Duration.ZERO))
        .isEqualTo(jkt("2026-11-30T08:00"));
  }

  @Test
  void closuresBetweenOpenWindowsCarryTheirReasons() {
    List<ClosedWindow> closures = sample.closures(jkt("2026-11-27T00:00"), jkt("2026-11-30T12:00"));

    assertThat(closures)
        .extracting(ClosedWindow::reason)
        .containsExactly(ClosureReason.NIGHT, ClosureReason.BREAK, ClosureReason.WEEKEND);
    assertThat(closures.get(0).from()).isEqualTo(jkt("2026-11-27T00:00"));
    assertThat(closures.get(2).from()).isEqualTo(jkt("2026-11-27T16:00"));
    assertThat(closures.get(2).until()).isEqualTo(jkt("2026-11-30T08:00"));
  }

  @Test
  void aScheduleThatNeverOpensSaysSo() {
    var never = WorkingSchedule.of(JAKARTA, Hours.week().build());
    assertThatThrownBy(() -> never.nextOpeningAt(jkt("2026-11-28T21:00")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("never opens");
  }

  @Test
  void fridayOnlyHoursAreFoundAWeekAhead() {
    var fridays = WorkingSchedule.of(JAKARTA, Hours.week().on("10:00-11:00", FRIDAY).build());
    assertThat(fridays.nextOpeningAt(jkt("2026-11-27T11:00"))).isEqualTo(jkt("2026-12-04T10:00"));
  }
}
