package io.afterhours.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Randomized checks of the schedule's laws over random zones, hours, holidays and instants. The
 * seed is fixed and printed; set {@code -Dafterhours.seed=N} to replay or explore another one.
 */
class ScheduleRandomizedTest {
  private static final long SEED = Long.getLong("afterhours.seed", 20261127L);
  private static final int CASES = 400;

  /** The JDK's IANA zones; ical4j registers ids of its own ("ical4j-local-…") without rules. */
  private static final List<String> ZONES =
      new TreeSet<>(ZoneId.getAvailableZoneIds())
          .stream().filter(id -> !id.startsWith("ical4j")).toList();

  @Test
  void theNextOpeningIsOpenNothingBeforeItIsAndRespondByConsumesExactlyTheResponseTime() {
    System.out.println("ScheduleRandomizedTest seed=" + SEED);
    Random random = new Random(SEED);
    for (int i = 0; i < CASES; i++) {
      ZoneId zone = ZoneId.of(ZONES.get(random.nextInt(ZONES.size())));
      WeeklyHours hours = randomHours(random);
      WorkingSchedule schedule = withRandomHoliday(random, zone, hours);
      Instant t = randomInstant(random);
      String context =
          "seed=" + SEED + " case=" + i + " zone=" + zone + " t=" + t + " hours=" + hours;

      Instant next = schedule.nextOpeningAt(t);
      assertThat(next).as(context).isAfterOrEqualTo(t);
      assertThat(schedule.isOpenAt(next)).as(context).isTrue();
      assertThat(schedule.openWindows(t, next)).as(context).isEmpty();
      for (Instant probe = t; probe.isBefore(next); probe = probe.plus(Duration.ofMinutes(37))) {
        assertThat(schedule.isOpenAt(probe)).as(context + " probe=" + probe).isFalse();
      }
      schedule
          .closedWindowAt(t)
          .ifPresent(
              w -> {
                assertThat(w.until()).as(context).isEqualTo(next);
                assertThat(w.from()).as(context).isBeforeOrEqualTo(t);
              });

      Duration responseTime = Duration.ofMinutes(random.nextInt(3 * 24 * 60));
      Instant respondBy = schedule.respondBy(t, responseTime);
      Duration consumed =
          schedule.openWindows(next, respondBy).stream()
              .map(w -> Duration.between(w.open(), w.close()))
              .reduce(Duration.ZERO, Duration::plus);
      assertThat(consumed).as(context + " responseTime=" + responseTime).isEqualTo(responseTime);
    }
  }

  private static WeeklyHours randomHours(Random random) {
    Map<DayOfWeek, List<TimeRange>> days = new EnumMap<>(DayOfWeek.class);
    for (DayOfWeek day : DayOfWeek.values()) {
      List<TimeRange> ranges = new ArrayList<>();
      int count = random.nextInt(4);
      for (int r = 0; r < count; r++) {
        int start = random.nextInt(96) * 15;
        int end = 15 + random.nextInt(96) * 15;
        if (start != end) {
          ranges.add(new TimeRange(start, end));
        }
      }
      days.put(day, ranges);
    }
    if (days.values().stream().allMatch(List::isEmpty)) {
      days.put(DayOfWeek.WEDNESDAY, List.of(new TimeRange(9 * 60, 17 * 60)));
    }
    return new WeeklyHours(days);
  }

  private static WorkingSchedule withRandomHoliday(Random random, ZoneId zone, WeeklyHours hours) {
    LocalDate day = LocalDate.of(2020, 1, 1).plusDays(random.nextInt(365 * 10));
    var holidays =
        new DateHolidays(
            List.of(
                new DateHolidays.DateRange(
                    day, day.plusDays(random.nextInt(10)), "random holiday")));
    return new WorkingSchedule(zone, hours, List.of(holidays), List.of(), List.of());
  }

  private static Instant randomInstant(Random random) {
    long from = Instant.parse("2020-01-01T00:00:00Z").getEpochSecond();
    long to = Instant.parse("2030-01-01T00:00:00Z").getEpochSecond();
    return Instant.ofEpochSecond(from + (long) (random.nextDouble() * (to - from)));
  }
}
