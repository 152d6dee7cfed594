package io.afterhours.cli;

import io.afterhours.config.Settings;
import io.afterhours.pass.DecisionRecord;
import io.afterhours.status.WhileAway;
import io.afterhours.store.AwayChange;
import io.afterhours.store.Store;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code afterhours history}: recorded decisions, newest first, with the changes of the away switch
 * among them; or, with {@code --summary}, what happened to a span's mail, by sender.
 */
@Command(
    name = "history",
    mixinStandardHelpOptions = true,
    description = {
      "Recorded decisions, newest first: what was answered, and why the rest was not.",
      "The changes of the away switch are shown among them (--away: those only).",
      "--summary --since ISO [--until ISO]: the span's mail by sender (\"while you were away\")."
    })
final class HistoryCommand implements Callable<Integer> {
  @ParentCommand AfterhoursCommand root;
  @Spec CommandSpec spec;

  @Option(names = "--mailbox", paramLabel = "NAME", description = "only this mailbox")
  String mailbox;

  @Option(names = "--since", paramLabel = "ISO", description = "only decisions at or after this")
  String since;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "50",
      description = "at most N (default: ${DEFAULT-VALUE})")
  int limit;

  @Option(names = "--json", description = "print JSON")
  boolean json;

  @Option(
      names = "--summary",
      description = "sum up --since..--until by sender: replies, skips and why, failures")
  boolean summary;

  @Option(
      names = "--until",
      paramLabel = "ISO",
      description = "with --summary: the end of the span (default: now)")
  String until;

  @Option(names = "--away", description = "only the changes of the away switch")
  boolean away;

  @Override
  public Integer call() throws Exception {
    if (limit < 1) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--limit must be at least 1");
    }
    if (summary && since == null) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--summary needs --since: the start of the span to sum up");
    }
    if (until != null && !summary) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--until goes with --summary");
    }
    if (summary && away) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "say --summary or --away, not both");
    }
    Settings settings = root.loadSettings();
    ZoneId zone = settings.office().schedule().zone();
    Optional<Instant> from =
        Optional.ofNullable(since).map(s -> Instants.parse(s, zone, spec.commandLine(), "--since"));
    Optional<String> only = Optional.ofNullable(mailbox);
    PrintWriter out = spec.commandLine().getOut();
    try (Store store = Store.open(settings.store(), root.clock())) {
      if (summary) {
        Instant to =
            Optional.ofNullable(until)
                .map(s -> Instants.parse(s, zone, spec.commandLine(), "--until"))
                .orElseGet(root.clock()::instant);
        WhileAway span =
            WhileAway.of(
                from.get(), to, only, store.decisions().countsBySender(only, from.get(), to));
        out.print(
            json
                ? Json.write(SummaryOutput.asJson(span, zone)) + "\n"
                : SummaryOutput.text(span, zone));
        out.flush();
        return AfterhoursCommand.OK;
      }
      List<AwayChange> changes = store.awayPeriods().changes(only, from, Optional.empty(), limit);
      if (away) {
        printChanges(out, changes, zone);
        out.flush();
        return AfterhoursCommand.OK;
      }
      List<DecisionRecord> records = store.decisions().history(only, from, limit);
      if (json) {
        out.println(Json.write(records.stream().map(r -> asJson(r, zone)).toList()));
      } else if (records.isEmpty() && changes.isEmpty()) {
        out.println("No decisions recorded yet.");
      } else {
        printInterleaved(out, records, changes, zone);
      }
    }
    out.flush();
    return AfterhoursCommand.OK;
  }

  /** Decisions and changes of the away switch, newest first, at most --limit of them. */
  private void printInterleaved(
      PrintWriter out, List<DecisionRecord> records, List<AwayChange> changes, ZoneId zone) {
    int d = 0;
    int c = 0;
    for (int printed = 0;
        printed < limit && (d < records.size() || c < changes.size());
        printed++) {
      boolean change =
          d >= records.size()
              || (c < changes.size() && changes.get(c).at().isAfter(records.get(d).at()));
      if (change) {
        out.println(changeLine(changes.get(c++), zone));
        continue;
      }
      DecisionRecord r = records.get(d++);
      out.printf(
          "%s  %-8s %-6s %-7s %-40s %s%s%n",
          Instants.iso(r.at(), zone),
          r.mailbox(),
          "uid " + r.uid(),
          r.retried() ? "retry" : r.decision().code(),
          r.from(),
          r.detail().isEmpty() ? r.reason() : r.reason() + " (" + r.detail() + ")",
          r.replyTo().map(to -> " → " + to).orElse(""));
    }
  }

  private static String changeLine(AwayChange c, ZoneId zone) {
    return Instants.iso(c.at(), zone)
        + "  "
        + c.mailbox().orElse("*")
        + "  away switch: "
        + c.by()
        + " "
        + c.action().code()
        + " #"
        + c.periodId()
        + " "
        + Instants.iso(c.period().from(), zone)
        + " until "
        + Instants.iso(c.period().until(), zone)
        + ", template "
        + c.period().template()
        + (c.period().note().isEmpty() ? "" : ", note \"" + c.period().note() + "\"");
  }

  private void printChanges(PrintWriter out, List<AwayChange> changes, ZoneId zone) {
    if (json) {
      out.println(Json.write(changes.stream().map(c -> asJson(c, zone)).toList()));
    } else if (changes.isEmpty()) {
      out.println("The away switch was never changed.");
    } else {
      changes.forEach(c -> out.println(changeLine(c, zone)));
    }
  }

  private static Map<String, Object> asJson(AwayChange c, ZoneId zone) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("at", Instants.iso(c.at(), zone));
    json.put("by", c.by());
    json.put("action", c.action().code());
    json.put("id", c.periodId());
    json.put("mailbox", c.mailbox().orElse(null));
    json.put("from", Instants.iso(c.period().from(), zone));
    json.put("until", Instants.iso(c.period().until(), zone));
    json.put("template", c.period().template());
    json.put("note", c.period().note());
    return json;
  }

  private static Map<String, Object> asJson(DecisionRecord r, ZoneId zone) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("at", Instants.iso(r.at(), zone));
    json.put("mailbox", r.mailbox());
    json.put("folder", r.folder());
    json.put("uid", r.uid());
    json.put("messageId", r.messageId());
    json.put("from", r.from());
    json.put("decision", r.decision().code());
    json.put("reason", r.reason());
    json.put("detail", r.detail());
    json.put("replyTo", r.replyTo().orElse(null));
    json.put("replyMessageId", r.replyMessageId().orElse(null));
    json.put("retried", r.retried());
    return json;
  }
}
