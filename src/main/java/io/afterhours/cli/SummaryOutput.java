package io.afterhours.cli;

import io.afterhours.pass.DecisionRecord.Outcome;
import io.afterhours.status.WhileAway;
import io.afterhours.store.SenderCount;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code history --summary}, as text and as JSON (docs/json.md). */
final class SummaryOutput {
  private SummaryOutput() {}

  static String text(WhileAway span, ZoneId zone) {
    StringBuilder out = new StringBuilder();
    out.append("From ")
        .append(Instants.iso(span.from(), zone))
        .append(" until ")
        .append(Instants.iso(span.until(), zone))
        .append(span.mailbox().map(m -> ", mailbox " + m).orElse(", every mailbox"))
        .append(": ")
        .append(span.total(Outcome.REPLY))
        .append(" replied, ")
        .append(span.total(Outcome.SKIP))
        .append(" skipped, ")
        .append(span.total(Outcome.FAILED))
        .append(" failed, from ")
        .append(span.senders().size())
        .append(" sender(s)\n");
    for (WhileAway.Sender s : span.senders()) {
      out.append(
          String.format(
              "%-40s %3d message(s)  first %s  last %s%n",
              s.sender().isEmpty() ? "(no sender)" : s.sender(),
              s.messages(),
              Instants.iso(s.first(), zone),
              Instants.iso(s.last(), zone)));
      for (SenderCount c : s.reasons()) {
        out.append(
            String.format("    %-7s %-40s ×%d%n", c.decision().code(), c.reason(), c.count()));
      }
    }
    return out.toString();
  }

  static Map<String, Object> asJson(WhileAway span, ZoneId zone) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("from", Instants.iso(span.from(), zone));
    json.put("until", Instants.iso(span.until(), zone));
    json.put("mailbox", span.mailbox().orElse(null));
    json.put("replied", span.total(Outcome.REPLY));
    json.put("skipped", span.total(Outcome.SKIP));
    json.put("failed", span.total(Outcome.FAILED));
    List<Map<String, Object>> senders =
        span.senders().stream()
            .map(
                s -> {
                  Map<String, Object> sender = new LinkedHashMap<>();
                  sender.put("from", s.sender());
                  sender.put("messages", s.messages());
                  sender.put("replied", s.count(Outcome.REPLY));
                  sender.put("skipped", s.count(Outcome.SKIP));
                  sender.put("failed", s.count(Outcome.FAILED));
                  sender.put("first", Instants.iso(s.first(), zone));
                  sender.put("last", Instants.iso(s.last(), zone));
                  sender.put(
                      "reasons",
                      s.reasons().stream()
                          .map(
                              c -> {
                                Map<String, Object> reason = new LinkedHashMap<>();
                                reason.put("decision", c.decision().code());
                                reason.put("reason", c.reason());
                                reason.put("count", c.count());
                                reason.put("first", Instants.iso(c.first(), zone));
                                reason.put("last", Instants.iso(c.last(), zone));
                                return reason;
                              })
                          .toList());
                  return sender;
                })
            .toList();
    json.put("senders", senders);
    return json;
  }
}
