package io.afterhours.cli;

import io.afterhours.config.MailboxSettings;
import io.afterhours.config.OfficeSettings;
import io.afterhours.config.Settings;
import io.afterhours.schedule.ClosedWindow;
import io.afterhours.schedule.OpenWindow;
import io.afterhours.schedule.Schedule;
import io.afterhours.store.KeptAway;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code afterhours schedule}: the open windows, and why the office is closed in between. */
@Command(
    name = "schedule",
    mixinStandardHelpOptions = true,
    description =
        "Shows the open windows and the closures (night, day-off, weekend, holiday, away).")
final class ScheduleCommand implements Callable<Integer> {
  private static final DateTimeFormatter DAY_AND_TIME =
      DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm", Locale.ENGLISH);
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm zzz", Locale.ENGLISH);

  @ParentCommand AfterhoursCommand root;
  @Spec CommandSpec spec;

  @Option(names = "--from", paramLabel = "ISO", description = "start (default: now)")
  String from;

  @Option(
      names = "--days",
      paramLabel = "N",
      defaultValue = "7",
      description = "how many days (default: ${DEFAULT-VALUE})")
  int days;

  @Option(names = "--json", description = "print JSON")
  boolean json;

  @Option(
      names = "--mailbox",
      paramLabel = "NAME",
      description = "this mailbox's schedule (default: the top-level one)")
  String mailbox;

  @Override
  public Integer call() throws Exception {
    if (days < 1 || days > 3660) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--days must be 1 to 3660");
    }
    Settings settings = root.loadSettings();
    OfficeSettings office = settings.office();
    if (mailbox != null) {
      office =
          settings.mailboxes().stream()
              .filter(m -> m.name().equals(mailbox))
              .findFirst()
              .map(MailboxSettings::office)
              .orElseThrow(
                  () ->
                      new picocli.CommandLine.ParameterException(
                          spec.commandLine(),
                          "--mailbox: no mailbox is called \"" + mailbox + "\""));
    }
    // The away switch's periods (kept in the store) close the office as the config's do.
    List<KeptAway> kept =
        KeptPeriods.read(
            settings, Optional.ofNullable(mailbox), root.clock(), spec.commandLine().getErr());
    Schedule schedule =
        office.schedule().withMoreAway(kept.stream().map(KeptAway::period).toList());
    ZoneId zone = schedule.zone();
    Instant start =
        from == null
            ? root.clock().instant()
            : Instants.parse(from, zone, spec.commandLine(), "--from");
    Instant end = start.atZone(zone).plusDays(days).toInstant();
    List<OpenWindow> windows = schedule.openWindows(start, end);
    List<ClosedWindow> closures = schedule.closures(start, end);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(Json.write(asJson(zone, windows, closures)));
    } else {
      printText(out, zone, windows, closures, kept);
    }
    out.flush();
    return AfterhoursCommand.OK;
  }

  private static Map<String, Object> asJson(
      ZoneId zone, List<OpenWindow> windows, List<ClosedWindow> closures) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("zone", zone.getId());
    json.put(
        "windows",
        windows.stream()
            .map(
                w -> {
                  Map<String, Object> item = new LinkedHashMap<>();
                  item.put("open", Instants.iso(w.open(), zone));
                  item.put("close", Instants.iso(w.close(), zone));
                  return item;
                })
            .toList());
    json.put(
        "closures",
        closures.stream()
            .map(
                c -> {
                  Map<String, Object> item = new LinkedHashMap<>();
                  item.put("from", Instants.iso(c.from(), zone));
                  item.put("until", Instants.iso(c.until(), zone));
                  item.put("reason", c.reason().word());
                  if (!c.label().isEmpty()) {
                    item.put("name", c.label());
                  }
                  return item;
                })
            .toList());
    return json;
  }

  private static void printText(
      PrintWriter out,
      ZoneId zone,
      List<OpenWindow> windows,
      List<ClosedWindow> closures,
      List<KeptAway> kept) {
    out.println("Open (" + zone.getId() + "):");
    if (windows.isEmpty()) {
      out.println("  none in this period");
    }
    for (OpenWindow w : windows) {
      out.printf(
          "  %s – %s%n",
          DAY_AND_TIME.format(w.open().atZone(zone)), TIME.format(w.close().atZone(zone)));
    }
    out.println("Closed:");
    for (ClosedWindow c : closures) {
      String why = c.label().isEmpty() ? c.reason().word() : c.reason().word() + ": " + c.label();
      why += keptIn(c, kept);
      out.printf(
          "  %s – %s  %s%n",
          DAY_AND_TIME.format(c.from().atZone(zone)),
          DAY_AND_TIME.format(c.until().atZone(zone)),
          why);
    }
  }

  /** " (away switch #3)" for a closure that a period kept in the store makes. */
  static String keptIn(ClosedWindow c, List<KeptAway> kept) {
    return c.away()
        .flatMap(a -> kept.stream().filter(k -> k.period().equals(a)).findFirst())
        .map(k -> " (away switch #" + k.id() + ")")
        .orElse("");
  }
}
