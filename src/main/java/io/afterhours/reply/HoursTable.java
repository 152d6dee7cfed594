package io.afterhours.reply;

import io.afterhours.schedule.TimeRange;
import io.afterhours.schedule.WeeklyHours;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The {@code hoursTable} value: the weekly hours as a few short lines, consecutive days with the
 * same ranges on one line, Monday first, e.g.
 *
 * <pre>
 * Senin–Jumat: 08.00–12.00, 13.00–16.00
 * Sabtu–Minggu: tutup
 * </pre>
 */
final class HoursTable {
  private static final String DASH = "\u2013";

  private HoursTable() {}

  static String render(WeeklyHours hours, LanguageStyle style) {
    List<String> lines = new ArrayList<>();
    DayOfWeek first = DayOfWeek.MONDAY;
    for (DayOfWeek day = DayOfWeek.MONDAY; ; day = day.plus(1)) {
      boolean last = day == DayOfWeek.SUNDAY;
      if (last || !hours.on(day.plus(1)).equals(hours.on(first))) {
        lines.add(days(first, day, style) + ": " + ranges(hours.on(first), style));
        first = day.plus(1);
      }
      if (last) {
        return String.join("\n", lines);
      }
    }
  }

  private static String days(DayOfWeek from, DayOfWeek to, LanguageStyle style) {
    return from == to ? style.dayName(from) : style.dayName(from) + DASH + style.dayName(to);
  }

  private static String ranges(List<TimeRange> ranges, LanguageStyle style) {
    if (ranges.isEmpty()) {
      return style.closedAllDay();
    }
    return ranges.stream()
        .map(r -> style.time(r.startMinute()) + DASH + style.time(r.endMinute()))
        .collect(Collectors.joining(", "));
  }
}
