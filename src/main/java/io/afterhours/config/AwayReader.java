package io.afterhours.config;

import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import io.afterhours.schedule.AwayPeriod;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads {@code away}: a list of {@code { from, until, template, note, forward-to }}. {@code from}
 * and {@code until} are dates (the owner is away from the start of {@code from} through the whole
 * of {@code until}), local date-times ("2026-12-20T12:00", in the office zone) or instants with an
 * offset.
 */
final class AwayReader {
  private final ZoneId zone;

  AwayReader(ZoneId zone) {
    this.zone = zone;
  }

  List<AwayPeriod> read(ConfigReader in) {
    List<AwayPeriod> periods = new ArrayList<>();
    var items = in.list("away");
    for (int i = 0; i < items.size(); i++) {
      ConfigValue item = items.get(i);
      String key = in.key("away[" + i + "]");
      if (!(item instanceof ConfigObject object)) {
        in.problem(
            item.origin(),
            key,
            "expected a block like { from = \"2026-12-20\", until = \"2027-01-04\" }");
        continue;
      }
      Optional<Instant> from = instant(object, "from", false, key, in);
      Optional<Instant> until = instant(object, "until", true, key, in);
      if (from.isEmpty() || until.isEmpty()) {
        continue;
      }
      if (!until.get().isAfter(from.get())) {
        in.problem(item.origin(), key, "ends before it starts");
        continue;
      }
      String template = text(object, "template", "away");
      String note = text(object, "note", "");
      List<String> forwardTo = forwardTo(object, key, in);
      periods.add(new AwayPeriod(from.get(), until.get(), template, note, forwardTo));
    }
    return periods;
  }

  /** {@code forward-to}: one address or a list; each must be a plain address (local@domain). */
  private static List<String> forwardTo(ConfigObject object, String key, ConfigReader in) {
    ConfigValue value = object.get("forward-to");
    if (value == null) {
      return List.of();
    }
    List<Object> raw =
        value.unwrapped() instanceof List<?> list ? List.copyOf(list) : List.of(value.unwrapped());
    List<String> addresses = new ArrayList<>();
    for (Object item : raw) {
      String address = String.valueOf(item).trim();
      if (!AwayPeriod.isPlainAddress(address)) {
        in.problem(
            value.origin(),
            key + ".forward-to",
            "\"" + address + "\" is not an address like \"colleague@example.com\"");
      } else {
        addresses.add(address);
      }
    }
    return addresses;
  }

  private static String text(ConfigObject object, String field, String fallback) {
    ConfigValue value = object.get(field);
    return value == null ? fallback : String.valueOf(value.unwrapped()).trim();
  }

  private Optional<Instant> instant(
      ConfigObject object, String field, boolean endOfDay, String key, ConfigReader in) {
    ConfigValue value = object.get(field);
    if (value == null) {
      in.problem(object.origin(), key + "." + field, "is missing");
      return Optional.empty();
    }
    String text = String.valueOf(value.unwrapped()).trim();
    try {
      if (text.length() == 10) {
        LocalDate date = LocalDate.parse(text);
        return Optional.of((endOfDay ? date.plusDays(1) : date).atStartOfDay(zone).toInstant());
      }
      if (text.matches(".*([+-]\\d{2}:\\d{2}|Z)$")) {
        return Optional.of(OffsetDateTime.parse(text).toInstant());
      }
      return Optional.of(LocalDateTime.parse(text).atZone(zone).toInstant());
    } catch (DateTimeException e) {
      in.problem(
          value.origin(),
          key + "." + field,
          "\"" + text + "\" is not a date like \"2026-12-20\" or a time like \"2026-12-20T12:00\"");
      return Optional.empty();
    }
  }
}
