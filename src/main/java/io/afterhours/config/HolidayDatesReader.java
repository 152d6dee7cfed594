package io.afterhours.config;

import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigValue;
import io.afterhours.schedule.DateHolidays;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code holidays.dates}. Each entry is a string or a block:
 *
 * <ul>
 *   <li>{@code "2026-12-25"}: one day; {@code "2026-12-24..2026-12-31"}: days, both included;
 *   <li>{@code "--08-17"} or {@code "08-17"}: that day every year;
 *   <li>a name may follow after a space: {@code "--08-17 Hari Kemerdekaan"};
 *   <li>{@code { date = "--12-25", name = "Hari Natal" }}.
 * </ul>
 */
final class HolidayDatesReader {
  private static final Pattern ENTRY =
      Pattern.compile("\\s*(\\S+?)(?:\\.\\.(\\S+))?(?:\\s+(.+?))?\\s*");

  DateHolidays read(ConfigReader in) {
    List<DateHolidays.Entry> entries = new ArrayList<>();
    var items = in.list("holidays.dates");
    for (int i = 0; i < items.size(); i++) {
      ConfigValue item = items.get(i);
      String key = in.key("holidays.dates[" + i + "]");
      Optional<DateHolidays.Entry> entry;
      if (item instanceof ConfigObject object) {
        String date = text(object.get("date"));
        String name = text(object.get("name"));
        entry = parse(date + (name.isBlank() ? "" : " " + name), item.origin(), key, in);
      } else {
        entry = parse(String.valueOf(item.unwrapped()), item.origin(), key, in);
      }
      entry.ifPresent(entries::add);
    }
    return new DateHolidays(entries);
  }

  private static String text(ConfigValue value) {
    return value == null ? "" : String.valueOf(value.unwrapped());
  }

  private static Optional<DateHolidays.Entry> parse(
      String text, ConfigOrigin origin, String key, ConfigReader in) {
    Matcher m = ENTRY.matcher(text);
    if (!m.matches()) {
      in.problem(origin, key, "is empty; write a date like \"2026-12-25\"");
      return Optional.empty();
    }
    String name = m.group(3) == null ? "" : m.group(3);
    try {
      if (m.group(2) != null) {
        LocalDate from = LocalDate.parse(m.group(1));
        LocalDate to = LocalDate.parse(m.group(2));
        if (to.isBefore(from)) {
          in.problem(origin, key, "\"" + text + "\" ends before it starts");
          return Optional.empty();
        }
        return Optional.of(new DateHolidays.DateRange(from, to, name));
      }
      String day = m.group(1);
      if (day.matches("(--)?\\d{2}-\\d{2}")) {
        MonthDay monthDay = MonthDay.parse(day.startsWith("--") ? day : "--" + day);
        return Optional.of(new DateHolidays.Yearly(monthDay, name));
      }
      LocalDate date = LocalDate.parse(day);
      return Optional.of(new DateHolidays.DateRange(date, date, name));
    } catch (DateTimeException e) {
      in.problem(
          origin,
          key,
          "\""
              + text
              + "\" is not a date like \"2026-12-25\", a range like \"2026-12-24..2026-12-31\""
              + " or a yearly day like \"--12-25\"");
      return Optional.empty();
    }
  }
}
