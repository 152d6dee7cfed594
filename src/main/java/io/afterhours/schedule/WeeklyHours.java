package io.afterhours.schedule;

import java.time.DayOfWeek;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The regular working ranges of each weekday; a day without ranges is closed all day. */
public final class WeeklyHours {
  private final Map<DayOfWeek, List<TimeRange>> ranges;

  public WeeklyHours(Map<DayOfWeek, List<TimeRange>> ranges) {
    Map<DayOfWeek, List<TimeRange>> copy = new EnumMap<>(DayOfWeek.class);
    for (DayOfWeek day : DayOfWeek.values()) {
      List<TimeRange> sorted =
          ranges.getOrDefault(day, List.of()).stream()
              .sorted(Comparator.comparingInt(TimeRange::startMinute))
              .toList();
      copy.put(day, sorted);
    }
    this.ranges = copy;
  }

  public List<TimeRange> on(DayOfWeek day) {
    return ranges.get(day);
  }

  public boolean isEmpty() {
    return ranges.values().stream().allMatch(List::isEmpty);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WeeklyHours other && ranges.equals(other.ranges);
  }

  @Override
  public int hashCode() {
    return ranges.hashCode();
  }

  @Override
  public String toString() {
    return ranges.toString();
  }
}
