package io.afterhours.cli;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import picocli.CommandLine;

/** Reads and writes the instants of the command line and its JSON. */
final class Instants {
  private Instants() {}

  /**
   * Reads "2026-11-30T21:15:00+07:00", a local "2026-11-30T21:15" (in {@code zone}), or a date
   * "2026-11-30" (its start in {@code zone}).
   */
  static Instant parse(String text, ZoneId zone, CommandLine cli, String option) {
    String t = text.trim();
    try {
      if (t.matches(".*([+-]\\d{2}:?\\d{2}|Z)$")) {
        return OffsetDateTime.parse(t).toInstant();
      }
      if (t.length() == 10) {
        return LocalDate.parse(t).atStartOfDay(zone).toInstant();
      }
      return LocalDateTime.parse(t).atZone(zone).toInstant();
    } catch (DateTimeException e) {
      throw new CommandLine.ParameterException(
          cli,
          option
              + ": \""
              + text
              + "\" is not a time like 2026-11-30T21:15 or 2026-11-30T21:15:00+07:00");
    }
  }

  /**
   * ISO-8601 with the zone's offset, to the second, e.g. 2026-11-30T08:00:00+07:00 (docs/json.md):
   * a clock's instant carries nanoseconds, which no script should have to parse.
   */
  static String iso(Instant t, ZoneId zone) {
    return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
        t.truncatedTo(ChronoUnit.SECONDS).atZone(zone).toOffsetDateTime());
  }
}
