package io.afterhours.cli;

import io.afterhours.config.MailboxSettings;
import io.afterhours.config.OfficeSettings;
import io.afterhours.config.Settings;
import io.afterhours.schedule.AwayPeriod;
import io.afterhours.status.AwaySwitch;
import io.afterhours.status.AwayTimes;
import io.afterhours.store.KeptAway;
import io.afterhours.store.Store;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code afterhours away}: the away switch from the command line. Periods are kept in the store, so
 * that a running daemon (every node of a cluster) applies them at its next pass, without a restart.
 */
@Command(
    name = "away",
    mixinStandardHelpOptions = true,
    description = {
      "The away switch: leave periods kept in the store, applied by a running daemon at its next"
          + " pass.",
      "  away --from ISO --until ISO [--note S] [--template T] [--forward-to ADDR]… [--mailbox NAME]",
      "  away --list [--json]",
      "  away --end [--mailbox NAME]   ends the periods in force now",
      "A date (2026-12-24) as --until means through that whole day, as in the config file."
    })
final class AwayCommand implements Callable<Integer> {
  @ParentCommand AfterhoursCommand root;
  @Spec CommandSpec spec;

  @Option(names = "--from", paramLabel = "ISO", description = "when the leave starts")
  String from;

  @Option(names = "--until", paramLabel = "ISO", description = "when the owner is back")
  String until;

  @Option(names = "--note", paramLabel = "S", description = "shown to senders as {{away.note}}")
  String note = "";

  @Option(
      names = "--template",
      paramLabel = "T",
      description = "the template to answer with (default: away); it must exist")
  String template = "away";

  @Option(
      names = "--forward-to",
      paramLabel = "ADDR",
      description =
          "a stand-in: each client mail that gets a reply while away is also redirected there"
              + " (repeat it for several)")
  List<String> forwardTo = new ArrayList<>();

  @Option(
      names = "--mailbox",
      paramLabel = "NAME",
      description = "only this mailbox (default: every mailbox)")
  String mailbox;

  @Option(names = "--list", description = "the away periods, of the store and the config file")
  boolean list;

  @Option(names = "--end", description = "end the periods kept in the store that are in force now")
  boolean end;

  @Option(names = "--json", description = "with --list: print JSON")
  boolean json;

  @Override
  public Integer call() throws Exception {
    CommandLine cli = spec.commandLine();
    boolean set = from != null || until != null;
    if ((set ? 1 : 0) + (list ? 1 : 0) + (end ? 1 : 0) != 1) {
      throw new CommandLine.ParameterException(
          cli, "say one of: --from ISO --until ISO, --list, --end");
    }
    if (set && (from == null || until == null)) {
      throw new CommandLine.ParameterException(cli, "a period needs both --from and --until");
    }
    if (json && !list) {
      throw new CommandLine.ParameterException(cli, "--json goes with --list");
    }
    Settings settings = root.loadSettings();
    Optional<String> unknown = AwaySwitch.unknownMailbox(settings, Optional.ofNullable(mailbox));
    if (unknown.isPresent()) {
      throw new CommandLine.ParameterException(cli, "--mailbox: " + unknown.get());
    }
    ZoneId zone = office(settings).schedule().zone();
    try (Store store = Store.open(settings.store(), root.clock())) {
      AwaySwitch awaySwitch = new AwaySwitch(settings, store.awayPeriods(), root.clock());
      if (list) {
        return list(settings, store, zone);
      }
      if (end) {
        return end(awaySwitch, settings, zone);
      }
      return set(awaySwitch, zone, cli);
    }
  }

  private int set(AwaySwitch awaySwitch, ZoneId zone, CommandLine cli) {
    Instant start = parse(from, zone, false, "--from", cli);
    Instant back = parse(until, zone, true, "--until", cli);
    AwaySwitch.Outcome outcome =
        awaySwitch.set(
            Optional.ofNullable(mailbox),
            start,
            back,
            template,
            note,
            forwardTo.stream().flatMap(a -> AwaySwitch.addresses(a).stream()).toList(),
            AwaySwitch.COMMAND);
    if (outcome instanceof AwaySwitch.Refused refused) {
      cli.getErr().println("afterhours away: refused, nothing changed: " + refused.why());
      cli.getErr().flush();
      return AfterhoursCommand.INVALID;
    }
    KeptAway kept = ((AwaySwitch.Kept) outcome).kept();
    PrintWriter out = cli.getOut();
    out.println(
        "Away period #"
            + kept.id()
            + " kept in the store for "
            + scope(kept)
            + ": "
            + describe(kept.period(), zone));
    out.println("A running daemon applies it at its next pass; `afterhours away --end` ends it.");
    out.flush();
    return AfterhoursCommand.OK;
  }

  private static Instant parse(
      String text, ZoneId zone, boolean end, String option, CommandLine cli) {
    return AwayTimes.parse(text, zone, end)
        .orElseThrow(
            () ->
                new CommandLine.ParameterException(
                    cli, option + ": \"" + text + "\" is not " + AwayTimes.expected(zone)));
  }

  private int end(AwaySwitch awaySwitch, Settings settings, ZoneId zone) {
    PrintWriter out = spec.commandLine().getOut();
    List<KeptAway> ended = awaySwitch.endCurrent(Optional.ofNullable(mailbox), AwaySwitch.COMMAND);
    for (KeptAway k : ended) {
      out.println(
          "Ended away period #" + k.id() + " for " + scope(k) + ": " + describe(k.period(), zone));
    }
    if (ended.isEmpty()) {
      out.println("No away period kept in the store is in force now; nothing changed.");
    }
    Instant now = root.clock().instant();
    office(settings).schedule().awayPeriods().stream()
        .filter(a -> a.contains(now))
        .forEach(
            a ->
                out.println(
                    "The config file's away period "
                        + describe(a, zone)
                        + " is in force too: edit the config file to end it."));
    out.flush();
    return AfterhoursCommand.OK;
  }

  private int list(Settings settings, Store store, ZoneId zone) {
    Instant now = root.clock().instant();
    List<Map<String, Object>> rows = new ArrayList<>();
    List<KeptAway> kept =
        mailbox == null ? store.awayPeriods().all() : store.awayPeriods().forMailbox(mailbox);
    for (KeptAway k : kept) {
      Map<String, Object> row = row(k.id(), "store", k.mailbox(), k.period(), zone, now);
      row.put("setBy", k.createdBy());
      row.put("setAt", Instants.iso(k.createdAt(), zone));
      rows.add(row);
    }
    for (MailboxSettings m : settings.mailboxes()) {
      if (mailbox != null && !mailbox.equals(m.name())) {
        continue;
      }
      for (AwayPeriod a : m.office().schedule().awayPeriods()) {
        boolean everyMailbox = m.office() == settings.office();
        Map<String, Object> row =
            row(
                null,
                "config",
                everyMailbox ? Optional.empty() : Optional.of(m.name()),
                a,
                zone,
                now);
        if (!rows.contains(row)) {
          rows.add(row);
        }
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(Json.write(rows));
    } else if (rows.isEmpty()) {
      out.println("No away periods, in the store or the config file.");
    } else {
      for (Map<String, Object> r : rows) {
        out.printf(
            "%-6s %-8s %-14s %s – %s  %-8s %s%s%s%n",
            r.get("id") == null ? "" : "#" + r.get("id"),
            r.get("source"),
            r.get("mailbox") == null ? "every mailbox" : r.get("mailbox"),
            r.get("from"),
            r.get("until"),
            r.get("state"),
            r.get("template"),
            "".equals(r.get("note")) ? "" : " \"" + r.get("note") + "\"",
            ((List<?>) r.get("forwardTo")).isEmpty()
                ? ""
                : " → "
                    + ((List<?>) r.get("forwardTo"))
                        .stream()
                            .map(String::valueOf)
                            .collect(java.util.stream.Collectors.joining(" ")));
      }
    }
    out.flush();
    return AfterhoursCommand.OK;
  }

  private static Map<String, Object> row(
      Long id, String source, Optional<String> mailbox, AwayPeriod a, ZoneId zone, Instant now) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", id);
    row.put("source", source);
    row.put("mailbox", mailbox.orElse(null));
    row.put("from", Instants.iso(a.from(), zone));
    row.put("until", Instants.iso(a.until(), zone));
    row.put("template", a.template());
    row.put("note", a.note());
    row.put("forwardTo", a.forwardTo());
    row.put("state", a.contains(now) ? "now" : a.from().isAfter(now) ? "to-come" : "over");
    return row;
  }

  private OfficeSettings office(Settings settings) {
    return settings.mailboxes().stream()
        .filter(m -> m.name().equals(mailbox))
        .findFirst()
        .map(MailboxSettings::office)
        .orElse(settings.office());
  }

  private static String scope(KeptAway kept) {
    return kept.mailbox().map(m -> "mailbox " + m).orElse("every mailbox");
  }

  private static String describe(AwayPeriod a, ZoneId zone) {
    return Instants.iso(a.from(), zone)
        + " until "
        + Instants.iso(a.until(), zone)
        + ", template "
        + a.template()
        + (a.note().isEmpty() ? "" : ", note \"" + a.note() + "\"")
        + (a.forwardTo().isEmpty() ? "" : ", forwarded to " + String.join(" ", a.forwardTo()));
  }
}
