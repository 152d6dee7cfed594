package io.afterhours.reply;

import io.afterhours.schedule.ClosureReason;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How one language writes dates, times and the few words the reply needs. Always 24-hour: an
 * auto-reply read across time zones should not leave the reader guessing between a.m. and p.m.
 *
 * @param locale gives day and month names and the zone's short name
 * @param dateTimePattern a {@link DateTimeFormatter} pattern without the zone, which is appended
 * @param timePattern the time of day alone, for the hours table
 * @param breakTime closedBecause for a gap between two ranges of one day, such as lunch
 * @param night closedBecause for a night on a working day
 * @param dayOff closedBecause for a weekday without working hours
 * @param weekend closedBecause for days without working hours that include Saturday or Sunday
 * @param holiday closedBecause for a holiday without a name
 * @param away closedBecause for an away period without a note
 * @param closedAllDay how the hours table marks a day without hours
 * @param genericSender sender.name when the sender's mail carries no display name
 */
public record LanguageStyle(
    Locale locale,
    String dateTimePattern,
    String timePattern,
    String breakTime,
    String night,
    String dayOff,
    String weekend,
    String holiday,
    String away,
    String closedAllDay,
    String genericSender) {
  /**
   * Formatters by pattern and locale, made once: a reply formats a dozen dates and times, and
   * compiling a pattern costs more than using it. Patterns come from the languages the config
   * names, so there are few.
   */
  private static final Map<String, DateTimeFormatter> FORMATTERS = new ConcurrentHashMap<>();

  public LanguageStyle {
    Objects.requireNonNull(locale, "locale");
    DateTimeFormatter.ofPattern(dateTimePattern, locale);
    DateTimeFormatter.ofPattern(timePattern, locale);
    Objects.requireNonNull(breakTime, "breakTime");
    Objects.requireNonNull(night, "night");
    Objects.requireNonNull(dayOff, "dayOff");
    Objects.requireNonNull(weekend, "weekend");
    Objects.requireNonNull(holiday, "holiday");
    Objects.requireNonNull(away, "away");
    Objects.requireNonNull(closedAllDay, "closedAllDay");
    Objects.requireNonNull(genericSender, "genericSender");
  }

  /** This style with another locale's names, for languages the table does not know. */
  public LanguageStyle withLocale(Locale other) {
    return new LanguageStyle(
        other,
        dateTimePattern,
        timePattern,
        breakTime,
        night,
        dayOff,
        weekend,
        holiday,
        away,
        closedAllDay,
        genericSender);
  }

  /**
   * {@code t} as seen in {@code zone}, e.g. "Senin, 30 November 2026 pukul 08.00 WIB". A region
   * zone shows its short name; a bare offset shows as "UTC+01:00", since offsets have no name.
   */
  public String dateTime(Instant t, ZoneId zone) {
    String local = formatter(dateTimePattern, locale).format(t.atZone(zone));
    return local + " " + zoneLabel(t, zone);
  }

  /** A time of day given in minutes since midnight; 1440 is written as "24:00" ("24.00"). */
  public String time(int minuteOfDay) {
    int minute = minuteOfDay % (24 * 60);
    String text = formatter(timePattern, locale).format(LocalTime.of(minute / 60, minute % 60));
    return minuteOfDay == 24 * 60 ? "24" + text.substring(2) : text;
  }

  public String dayName(DayOfWeek day) {
    return day.getDisplayName(TextStyle.FULL, locale);
  }

  /** closedBecause: the holiday's name or the away note when there is one, else a plain word. */
  public String closedBecause(ClosureReason reason, String label) {
    return switch (reason) {
      case BREAK -> breakTime;
      case NIGHT -> night;
      case DAY_OFF -> dayOff;
      case WEEKEND -> weekend;
      case HOLIDAY -> label.isBlank() ? holiday : label.strip();
      case AWAY -> label.isBlank() ? away : label.strip();
    };
  }

  private String zoneLabel(Instant t, ZoneId zone) {
    if (zone instanceof ZoneOffset offset) {
      return offset.equals(ZoneOffset.UTC) ? "UTC" : "UTC" + offset.getId();
    }
    return formatter("zzz", locale).format(t.atZone(zone));
  }

  private static DateTimeFormatter formatter(String pattern, Locale locale) {
    return FORMATTERS.computeIfAbsent(
        locale.toLanguageTag() + ' ' + pattern,
        key -> DateTimeFormatter.ofPattern(pattern, locale));
  }
}
