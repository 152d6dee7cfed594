package io.afterhours.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.afterhours.holidays.IcalHolidays;
import io.afterhours.holidays.JollydayHolidays;
import io.afterhours.policy.PolicySettings;
import io.afterhours.policy.ReplyAudience;
import io.afterhours.schedule.AwayPeriod;
import io.afterhours.schedule.HolidayCalendar;
import io.afterhours.schedule.TimeRange;
import io.afterhours.schedule.TimedClosure;
import io.afterhours.schedule.WeeklyHours;
import io.afterhours.schedule.WorkingSchedule;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Reads the office keys (zone, language, hours, holidays, away, response-time, reply). */
final class OfficeReader {
  private static final Pattern VALUE_NAME = Pattern.compile("[A-Za-z0-9_-]+");

  private final Clock clock;
  private final PathResolver paths;

  OfficeReader(Clock clock, PathResolver paths) {
    this.clock = clock;
    this.paths = paths;
  }

  Optional<OfficeSettings> read(ConfigReader in) {
    ZoneId zone = zone(in);
    String language = language(in);
    WeeklyHours hours = hours(in);
    List<HolidayCalendar> calendars = new ArrayList<>();
    List<TimedClosure> timed = new ArrayList<>();
    holidays(in, zone, language, calendars, timed);
    List<AwayPeriod> away = new AwayReader(zone).read(in);
    Duration responseTime = in.duration("response-time", Duration.ofHours(4));
    ReplySettings reply = reply(in);
    Path templates = paths.resolve(in.string("templates", "templates"));
    Map<String, String> values = values(in);
    if (hours.isEmpty()) {
      in.problem("hours", "no day has working hours, so the office would never open");
    }
    WorkingSchedule schedule = new WorkingSchedule(zone, hours, calendars, away, timed);
    if (!hours.isEmpty()) {
      try {
        schedule.nextOpeningAt(clock.instant());
      } catch (IllegalStateException e) {
        in.problem("holidays", "holidays and away periods close the office for years on end");
      }
    }
    return Optional.of(
        new OfficeSettings(schedule, language, responseTime, reply, templates, values));
  }

  /**
   * {@code values}: the owner's own text for the templates, {@code {{values.<name>}}}. Text only,
   * in quotes: unquoted, a phone number such as 0812 would be read as the number 812.
   */
  private static Map<String, String> values(ConfigReader in) {
    Map<String, String> values = new TreeMap<>();
    Optional<Config> block = in.object("values");
    if (block.isEmpty()) {
      return values;
    }
    for (Map.Entry<String, ConfigValue> entry : block.get().root().entrySet()) {
      String name = entry.getKey();
      ConfigValue value = entry.getValue();
      String key = in.key("values." + name);
      if (!VALUE_NAME.matcher(name).matches()) {
        in.problem(
            value.origin(),
            key,
            "\"" + name + "\" is not a name a template can use: letters, digits, - and _ only");
      } else if (value.valueType() == ConfigValueType.STRING) {
        values.put(name, (String) value.unwrapped());
      } else if (value.valueType() == ConfigValueType.NUMBER
          || value.valueType() == ConfigValueType.BOOLEAN) {
        in.problem(
            value.origin(),
            key,
            "write the value in quotes (\"…\"): unquoted, it is read as "
                + (value.valueType() == ConfigValueType.NUMBER
                    ? "the number " + value.render()
                    : "true or false"));
      } else {
        in.problem(
            value.origin(), key, "expected text in quotes, not " + ConfigReader.describe(value));
      }
    }
    return values;
  }

  private static ZoneId zone(ConfigReader in) {
    String text = in.string("zone", "UTC");
    try {
      ZoneId zone = ZoneId.of(text.trim());
      if (zone.getRules() != null) {
        return zone;
      }
    } catch (DateTimeException e) {
      // not a zone: reported below with the closest real name
    }
    String hint =
        KnownKeys.closest(
                text,
                ZoneId.getAvailableZoneIds().stream()
                    .filter(id -> !id.startsWith("ical4j"))
                    .toList())
            .map(z -> "; did you mean \"" + z + "\"?")
            .orElse(" (IANA names look like \"Asia/Jakarta\" or \"Europe/Berlin\")");
    in.problem("zone", "\"" + text + "\" is not a time zone" + hint);
    return ZoneId.of("UTC");
  }

  private static String language(ConfigReader in) {
    String text = in.string("language", "en").trim();
    if (!text.matches("[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*")) {
      in.problem("language", "\"" + text + "\" is not a language code like \"id\" or \"en\"");
      return "en";
    }
    return text.toLowerCase(Locale.ROOT);
  }

  private static WeeklyHours hours(ConfigReader in) {
    Map<DayOfWeek, List<TimeRange>> week = new EnumMap<>(DayOfWeek.class);
    for (DayOfWeek day : DayOfWeek.values()) {
      String path = "hours." + day.name().toLowerCase(Locale.ROOT);
      List<TimeRange> ranges = new ArrayList<>();
      var items = in.list(path);
      for (int i = 0; i < items.size(); i++) {
        String text = String.valueOf(items.get(i).unwrapped());
        Optional<TimeRange> range = TimeRange.parse(text);
        if (range.isPresent()) {
          ranges.add(range.get());
        } else {
          in.problem(
              items.get(i).origin(),
              in.key(path) + "[" + i + "]",
              "\"" + text + "\" is not a time range like \"13:00-16:00\" (00:00 to 24:00)");
        }
      }
      week.put(day, ranges);
    }
    return new WeeklyHours(week);
  }

  private void holidays(
      ConfigReader in,
      ZoneId zone,
      String language,
      List<HolidayCalendar> calendars,
      List<TimedClosure> timed) {
    String country = in.string("holidays.country", "").trim();
    String region = in.string("holidays.region", "").trim();
    if (!country.isEmpty()) {
      if (JollydayHolidays.supportedCountries().contains(country.toLowerCase(Locale.ROOT))) {
        calendars.add(
            JollydayHolidays.forCountry(country, region, Locale.forLanguageTag(language)));
      } else {
        in.problem(
            "holidays.country",
            "Jollyday has no holiday calendar for \""
                + country
                + "\"; list the days in holidays.dates or import an .ics file with holidays.ical");
      }
    }
    calendars.add(new HolidayDatesReader().read(in));
    var files = in.strings("holidays.ical");
    LocalDate today = LocalDate.now(clock.withZone(zone));
    for (int i = 0; i < files.size(); i++) {
      Path file = paths.resolve(files.get(i));
      String key = "holidays.ical[" + i + "]";
      try {
        var closures = IcalHolidays.load(file, zone, today.minusYears(1), today.plusYears(3));
        calendars.add(closures.allDay());
        timed.addAll(closures.timed());
      } catch (IcalHolidays.IcalException e) {
        String where = e.line() > 0 ? " (line " + e.line() + " of that file)" : "";
        in.problem(
            in.list("holidays.ical").get(i).origin(),
            in.key(key),
            "\"" + file + "\" " + e.getMessage() + where);
      }
    }
  }

  private static ReplySettings reply(ConfigReader in) {
    String template = in.string("reply.template", "after-hours").trim();
    Optional<Duration> oncePer = Optional.empty();
    if (!"closed-window".equals(in.string("reply.once-per", "closed-window").trim())) {
      oncePer = Optional.of(in.duration("reply.once-per", Duration.ofDays(1)));
    }
    PolicySettings policy =
        new PolicySettings(
                oncePer,
                in.duration("reply.min-interval", Duration.ofHours(12)),
                in.duration("reply.max-age", Duration.ofDays(3)),
                in.strings("reply.never-reply-to"),
                in.strings("reply.internal-domains"),
                in.bool("reply.during-open-hours", false),
                maxPerHour(in))
            .answeringOnly(onlyTo(in), correspondents(in));
    Map<String, String> languages = new LinkedHashMap<>();
    in.object("reply.languages.by-domain")
        .ifPresent(
            (Config byDomain) ->
                byDomain.root().entrySet().stream()
                    .sorted(
                        (a, b) -> Integer.compare(specificity(b.getKey()), specificity(a.getKey())))
                    .forEach(
                        e -> languages.put(e.getKey(), String.valueOf(e.getValue().unwrapped()))));
    return new ReplySettings(template, policy, languages);
  }

  private static ReplyAudience onlyTo(ConfigReader in) {
    String text = in.string("reply.only-to", "anyone").trim();
    try {
      return ReplyAudience.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      in.problem(
          "reply.only-to", "\"" + text + "\" is not one of anyone, correspondents, internal");
      return ReplyAudience.ANYONE;
    }
  }

  /** Address globs: one without an @ would match no address, and is surely a slip. */
  private static List<String> correspondents(ConfigReader in) {
    List<String> patterns = in.strings("reply.correspondents");
    for (int i = 0; i < patterns.size(); i++) {
      String pattern = patterns.get(i).trim();
      if (pattern.indexOf('@') < 0) {
        in.problem(
            in.list("reply.correspondents").get(i).origin(),
            in.key("reply.correspondents") + "[" + i + "]",
            "\""
                + pattern
                + "\" is not an address pattern like \"*@client.example\" or"
                + " \"boss@example.org\"");
      }
    }
    return patterns.stream().map(String::trim).toList();
  }

  private static int maxPerHour(ConfigReader in) {
    int value = in.integer("reply.max-per-hour", PolicySettings.DEFAULT_MAX_PER_HOUR);
    if (value < 0) {
      in.problem("reply.max-per-hour", "must be 0 (no limit) or more, not " + value);
      return PolicySettings.DEFAULT_MAX_PER_HOUR;
    }
    return value;
  }

  /** More literal characters make a pattern more specific: "*.co.id" before "*.id" before "*". */
  private static int specificity(String pattern) {
    return pattern.replace("*", "").replace("?", "").length();
  }
}
