package io.afterhours.reply;

import static org.assertj.core.api.Assertions.assertThat;

import io.afterhours.schedule.TimeRange;
import io.afterhours.schedule.WeeklyHours;
import java.time.DayOfWeek;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HoursTableTest {
  private static TimeRange range(String text) {
    return TimeRange.parse(text).orElseThrow();
  }

  @Test
  void groupsOnlyConsecutiveDaysWithEqualRanges() {
    WeeklyHours hours =
        new WeeklyHours(
            Map.of(
                DayOfWeek.MONDAY, List.of(range("08:00-16:00")),
                DayOfWeek.TUESDAY, List.of(range("08:00-16:00")),
                DayOfWeek.WEDNESDAY, List.of(range("08:00-12:00")),
                DayOfWeek.THURSDAY, List.of(range("08:00-16:00")),
                DayOfWeek.FRIDAY, List.of(range("08:00-16:00")),
                DayOfWeek.SATURDAY, List.of(range("09:00-12:00"))));

    assertThat(HoursTable.render(hours, LanguageStyles.INDONESIAN))
        .isEqualTo(
            """
            Senin–Selasa: 08.00–16.00
            Rabu: 08.00–12.00
            Kamis–Jumat: 08.00–16.00
            Sabtu: 09.00–12.00
            Minggu: tutup""");
  }

  @Test
  void writesAMidnightEndAs24AndANightShiftAsTheClockReads() {
    WeeklyHours hours =
        new WeeklyHours(
            Map.of(
                DayOfWeek.SATURDAY, List.of(range("22:00-06:00")),
                DayOfWeek.SUNDAY, List.of(range("18:00-24:00"))));

    assertThat(HoursTable.render(hours, LanguageStyles.ENGLISH))
        .isEqualTo("Monday–Friday: closed\nSaturday: 22:00–06:00\nSunday: 18:00–24:00");
  }
}
