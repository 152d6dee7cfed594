package io.afterhours.cli;

import io.afterhours.config.Settings;
import io.afterhours.pass.DecisionRecord;
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

/** {@code afterhours history}: recorded decisions, newest first. */
@Command(
    name = "history",
    mixinStandardHelpOptions = true,
    description = "Recorded decisions, newest first: what was answered, and why the rest was not.")
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

  @Override
  public Integer call() throws Exception {
    if (limit < 1) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--limit must be at least 1");
    }
    Settings settings = root.loadSettings();
    ZoneId zone = settings.office().schedule().zone();
    Optional<Instant> from =
        Optional.ofNullable(since).map(s -> Instants.parse(s, zone, spec.commandLine(), "--since"));
    List<DecisionRecord> records;
    try (Store store = Store.open(settings.store(), root.clock())) {
      records = store.decisions().history(Optional.ofNullable(mailbox), from, limit);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(Json.write(records.stream().map(r -> asJson(r, zone)).toList()));
    } else if (records.isEmpty()) {
      out.println("No decisions recorded yet.");
    } else {
      for (DecisionRecord r : records) {
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
    out.flush();
    return AfterhoursCommand.OK;
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
