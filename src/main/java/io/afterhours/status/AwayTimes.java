package io.afterhours.status;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Optional;

/**
 * Reads the start and end of an away period as the config file's {@code away} does: a date (from
 * its start; an end date is included, so the period ends at the next midnight), a local date-time
 * in the office's zone ("2026-12-20T12:00"), or an instant with an offset.
 */
public final class AwayTimes {
  private AwayTimes() {}

  /**
   * @param end true for the end of a period: a date then means "through that whole day"
   * @return empty when the text is none of those
   */
  public static Optional<Instant> parse(String text, ZoneId zone, boolean end) {
    String t = text == null ? "" : text.strip();
    try {
      if (t.matches("\\d{4}-\\d{2}-\\d{2}")) {
        LocalDate date = LocalDate.parse(t);
        return Optional.of((end ? date.plusDays(1) : date).atStartOfDay(zone).toInstant());
      }
      if (t.matches(".*([+-]\\d{2}:?\\d{2}|Z)$")) {
        return Optional.of(OffsetDateTime.parse(t).toInstant());
      }
      return Optional.of(LocalDateTime.parse(t).atZone(zone).toInstant());
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }

  /** What a bad value should have looked like, for the message that refuses it. */
  public static String expected(ZoneId zone) {
    return "a date like 2026-12-20 or a time like 2026-12-20T12:00 (in "
        + zone.getId()
        + "), or 2026-12-20T12:00:00+07:00";
  }
}
