package io.afterhours.schedule;

import java.time.DayOfWeek;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Test shorthand for weekly hours. */
final class Hours {
  private final Map<DayOfWeek, List<TimeRange>> ranges = new EnumMap<>(DayOfWeek.class);

  static Hours week() {
    return new Hours();
  }

  /** Mon–Fri 08:00–12:00 and 13:00–16:00: the sample freelancer in Jakarta. */
  static WeeklyHours jakartaFreelancer() {
    return week()
        .on(
            "08:00-12:00",
            "13:00-16:00",
            DayOfWeek.MONDAY,
            DayOfWeek.TUESDAY,
            DayOfWeek.WEDNESDAY,
            DayOfWeek.THURSDAY,
            DayOfWeek.FRIDAY)
        .build();
  }

  Hours on(String range, DayOfWeek... days) {
    return on(new String[] {range}, days);
  }

  Hours on(String first, String second, DayOfWeek... days) {
    return on(new String[] {first, second}, days);
  }

  private Hours on(String[] texts, DayOfWeek... days) {
    List<TimeRange> parsed =
        Arrays.stream(texts).map(t -> TimeRange.parse(t).orElseThrow()).toList();
    for (DayOfWeek day : days) {
      ranges.put(day, parsed);
    }
    return this;
  }

  WeeklyHours build() {
    return new WeeklyHours(ranges);
  }
}
