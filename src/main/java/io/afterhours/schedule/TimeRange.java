package io.afterhours.schedule;

import java.time.LocalTime;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One range of working time on a day, in minutes of the day. {@code endMinute} may be 1440 (a range
 * that ends at "24:00"); a range whose end is not after its start crosses midnight and ends on the
 * next day ("22:00-06:00").
 */
public record TimeRange(int startMinute, int endMinute) {
  private static final Pattern RANGE =
      Pattern.compile("\\s*(\\d{1,2}):(\\d{2})\\s*-\\s*(\\d{1,2}):(\\d{2})\\s*");
  private static final int DAY = 24 * 60;

  public TimeRange {
    if (startMinute < 0 || startMinute >= DAY) {
      throw new IllegalArgumentException("start out of range: " + startMinute);
    }
    if (endMinute < 0 || endMinute > DAY) {
      throw new IllegalArgumentException("end out of range: " + endMinute);
    }
    if (startMinute == endMinute) {
      throw new IllegalArgumentException("empty range");
    }
  }

  /**
   * Reads "HH:MM-HH:MM". Hours 0–23 and minutes 0–59; "24:00" only as an end. Empty when the text
   * is not such a range.
   */
  public static Optional<TimeRange> parse(String text) {
    Matcher m = RANGE.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    int start = minutes(m.group(1), m.group(2), false);
    int end = minutes(m.group(3), m.group(4), true);
    if (start < 0 || end < 0 || start == end) {
      return Optional.empty();
    }
    return Optional.of(new TimeRange(start, end));
  }

  private static int minutes(String hours, String minutes, boolean mayBeMidnightEnd) {
    int h = Integer.parseInt(hours);
    int m = Integer.parseInt(minutes);
    if (h == 24 && m == 0 && mayBeMidnightEnd) {
      return DAY;
    }
    if (h > 23 || m > 59) {
      return -1;
    }
    return h * 60 + m;
  }

  /** True when the range ends on the next day. */
  public boolean crossesMidnight() {
    return endMinute < startMinute;
  }

  public LocalTime start() {
    return LocalTime.of(startMinute / 60, startMinute % 60);
  }

  /** The end as a time of day; "24:00" and ends on the next day show as the clock reads. */
  public LocalTime end() {
    int m = endMinute % DAY;
    return LocalTime.of(m / 60, m % 60);
  }

  /** Minutes from the start of the range's own day to its end (over 1440 when it crosses). */
  public int endOffsetMinutes() {
    return crossesMidnight() ? endMinute + DAY : endMinute;
  }

  @Override
  public String toString() {
    return String.format(
        "%02d:%02d-%02d:%02d", startMinute / 60, startMinute % 60, endMinute / 60, endMinute % 60);
  }
}
