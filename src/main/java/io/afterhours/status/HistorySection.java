package io.afterhours.status;

import static io.afterhours.status.Html.text;
import static io.afterhours.status.Html.time;

import io.afterhours.pass.DecisionRecord;
import io.afterhours.pass.DecisionRecord.Outcome;
import io.afterhours.schedule.AwayPeriod;
import io.afterhours.schedule.LiveSchedule;
import io.afterhours.store.AwayChange;
import io.afterhours.store.SenderCount;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What the store recorded for a mailbox: "while you were away" (the decisions of a span, by
 * sender), the last decisions (filterable by kind) and the last changes of the away switch.
 */
final class HistorySection {
  static final int DECISIONS = 50;
  private static final int CHANGES = 10;

  private final StatusSource source;
  private final String mailbox;
  private final LiveSchedule schedule;
  private final ZoneId zone;
  private final Instant now;

  HistorySection(StatusSource source, String mailbox, LiveSchedule schedule, Instant now) {
    this.source = source;
    this.mailbox = mailbox;
    this.schedule = schedule;
    this.zone = schedule.zone();
    this.now = now;
  }

  void render(StringBuilder html, PageQuery query) {
    whileAway(html, query);
    decisions(html, query);
    changes(html);
  }

  /**
   * The span asked for ({@code since}, {@code until}), else the latest away period that has begun
   * (up to now when it still runs).
   */
  private void whileAway(StringBuilder html, PageQuery query) {
    html.append("<section id=\"while-away\"><h2>While you were away</h2>");
    Optional<Instant> since = query.get("since").flatMap(t -> AwayTimes.parse(t, zone, false));
    Optional<Instant> until = query.get("until").flatMap(t -> AwayTimes.parse(t, zone, false));
    if (since.isEmpty()) {
      Optional<AwayPeriod> latest =
          schedule.awayPeriods().stream()
              .filter(a -> a.from().isBefore(now))
              .max(Comparator.comparing(AwayPeriod::from));
      if (latest.isEmpty()) {
        html.append("<p>No away period has begun yet; “sum up” beside one shows it.</p></section>");
        return;
      }
      since = Optional.of(latest.get().from());
      until = Optional.of(latest.get().until().isBefore(now) ? latest.get().until() : now);
    }
    Instant from = since.get();
    Instant to = until.filter(u -> u.isAfter(from)).orElse(now);
    WhileAway summary =
        WhileAway.of(
            from,
            to,
            Optional.of(mailbox),
            source.store().decisions().countsBySender(Optional.of(mailbox), from, to));
    html.append("<p>From ")
        .append(time(from, zone))
        .append(" until ")
        .append(time(to, zone))
        .append(": ")
        .append(summary.total(Outcome.REPLY))
        .append(" replied, ")
        .append(summary.total(Outcome.SKIP))
        .append(" skipped, ")
        .append(summary.total(Outcome.FAILED))
        .append(" failed, from ")
        .append(summary.senders().size())
        .append(" sender(s).</p>");
    if (!summary.senders().isEmpty()) {
      html.append("<table id=\"summary\"><tr><th>sender</th><th>replied</th><th>skipped</th>")
          .append("<th>failed</th><th>why</th><th>first</th><th>last</th></tr>");
      for (WhileAway.Sender s : summary.senders()) {
        html.append("<tr><td>")
            .append(text(s.sender().isEmpty() ? "(no sender)" : s.sender()))
            .append("</td><td>")
            .append(s.count(Outcome.REPLY))
            .append("</td><td>")
            .append(s.count(Outcome.SKIP))
            .append("</td><td>")
            .append(s.count(Outcome.FAILED))
            .append("</td><td>");
        for (SenderCount c : s.reasons()) {
          html.append(text(c.decision().code() + " " + c.reason() + " ×" + c.count()))
              .append("<br>");
        }
        html.append("</td><td>")
            .append(time(s.first(), zone))
            .append("</td><td>")
            .append(time(s.last(), zone))
            .append("</td></tr>");
      }
      html.append("</table>");
    }
    html.append("</section>");
  }

  private void decisions(StringBuilder html, PageQuery query) {
    Optional<Outcome> only =
        query
            .get("decision")
            .flatMap(
                d -> Arrays.stream(Outcome.values()).filter(o -> o.code().equals(d)).findFirst());
    List<DecisionRecord> records =
        source.store().decisions().history(Optional.of(mailbox), Optional.empty(), only, DECISIONS);
    html.append("<section id=\"decisions\"><h2>Last ")
        .append(DECISIONS)
        .append(" decisions</h2><p class=\"filter\">Show: ")
        .append(filterLink("all", only.isEmpty()));
    for (Outcome o : Outcome.values()) {
      html.append(" · ").append(filterLink(o.code(), only.equals(Optional.of(o))));
    }
    html.append("</p><table id=\"decision-list\"><tr><th>at</th><th>from</th><th>decision</th>")
        .append("<th>why</th><th>reply to</th><th>where</th></tr>");
    if (records.isEmpty()) {
      html.append("<tr><td colspan=\"6\">none recorded</td></tr>");
    }
    for (DecisionRecord r : records) {
      String decision = r.retried() ? "retry" : r.decision().code();
      html.append("<tr class=\"")
          .append(decision)
          .append("\"><td>")
          .append(time(r.at(), zone))
          .append("</td><td>")
          .append(text(r.from()))
          .append("</td><td>")
          .append(decision)
          .append("</td><td>")
          .append(text(r.detail().isEmpty() ? r.reason() : r.reason() + " (" + r.detail() + ")"))
          .append("</td><td>")
          .append(text(r.replyTo().orElse("")))
          .append("</td><td>")
          .append(text(r.folder() + " uid " + r.uid()))
          .append("</td></tr>");
    }
    html.append("</table></section>");
  }

  private static String filterLink(String code, boolean current) {
    if (current) {
      return "<strong>" + code + "</strong>";
    }
    return "<a href=\"?"
        + (code.equals("all") ? "" : "decision=" + code)
        + "#decisions\">"
        + code
        + "</a>";
  }

  private void changes(StringBuilder html) {
    List<AwayChange> changes =
        source
            .store()
            .awayPeriods()
            .changes(Optional.of(mailbox), Optional.empty(), Optional.empty(), CHANGES);
    html.append("<section id=\"changes\"><h2>Changes of the away switch</h2>");
    if (changes.isEmpty()) {
      html.append("<p>none yet</p></section>");
      return;
    }
    html.append("<ul>");
    for (AwayChange c : changes) {
      html.append("<li>")
          .append(time(c.at(), zone))
          .append(" ")
          .append(text(describe(c)))
          .append("</li>");
    }
    html.append("</ul></section>");
  }

  /** "page set #3 (every mailbox): …" as the page and {@code history} show a change. */
  static String describe(AwayChange c) {
    return c.by()
        + " "
        + c.action().code()
        + " away period #"
        + c.periodId()
        + c.mailbox().map(m -> " (mailbox " + m + ")").orElse(" (every mailbox)")
        + ": "
        + c.period().from()
        + " until "
        + c.period().until()
        + ", template "
        + c.period().template()
        + (c.period().note().isEmpty() ? "" : ", note \"" + c.period().note() + "\"");
  }
}
