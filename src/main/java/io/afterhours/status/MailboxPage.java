package io.afterhours.status;

import static io.afterhours.status.Html.text;
import static io.afterhours.status.Html.time;

import io.afterhours.config.MailboxSettings;
import io.afterhours.daemon.MailboxStatus;
import io.afterhours.daemon.Mailboxes;
import io.afterhours.mail.MessageFactsReader;
import io.afterhours.mail.ServerSettings;
import io.afterhours.policy.Correspondents;
import io.afterhours.policy.Decision;
import io.afterhours.policy.MessageFacts;
import io.afterhours.policy.ReplyHistory;
import io.afterhours.reply.OutgoingReply;
import io.afterhours.reply.RandomMessageIds;
import io.afterhours.reply.TemplateCatalog;
import io.afterhours.responder.Responder;
import io.afterhours.schedule.ClosedWindow;
import io.afterhours.schedule.LiveSchedule;
import io.afterhours.schedule.OpenWindow;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * One mailbox's status page: its servers, the week ahead, the reply a sender gets right now, the
 * away periods and the switch, what happened while the owner was away, and the last decisions.
 * Everything comes from the running daemon; every value is escaped.
 */
final class MailboxPage {
  /** The sample message of "what a sender gets right now". */
  static final String SAMPLE_SENDER = "A Sender <sender@example.org>";

  static final String SAMPLE_SUBJECT = "Your message";

  private final StatusSource source;
  private final MailboxSettings mailbox;
  private final Mailboxes.Office office;
  private final Instant now;
  private final ZoneId zone;

  MailboxPage(StatusSource source, MailboxSettings mailbox, Mailboxes.Office office) {
    this.source = source;
    this.mailbox = mailbox;
    this.office = office;
    this.now = source.clock().instant();
    this.zone = office.schedule().zone();
  }

  /**
   * @param query the request's query: {@code decision} filters the decisions, {@code since} and
   *     {@code until} choose the span "while you were away" sums up, {@code changed} reports what
   *     the last form did
   */
  String render(PageQuery query, List<String> mailboxNames) {
    StringBuilder html = new StringBuilder(16_384);
    html.append("<header><h1>")
        .append(text(mailbox.name()))
        .append(" <small>")
        .append(text(mailbox.owner().toString()))
        .append("</small></h1>");
    if (mailboxNames.size() > 1) {
      html.append("<p><a href=\"/\">all mailboxes</a></p>");
    }
    html.append("</header>");
    query
        .get("changed")
        .ifPresent(c -> html.append("<p class=\"note\">").append(text(c)).append("</p>"));
    servers(html);
    week(html);
    preview(html);
    new AwaySection(source, mailbox, office, now).render(html);
    new HistorySection(source, mailbox.name(), office.schedule(), now).render(html, query);
    return html.toString();
  }

  private void servers(StringBuilder html) {
    MailboxStatus status = source.status().get(mailbox.name());
    html.append("<section id=\"servers\"><h2>Servers</h2><p>");
    if (status == null) {
      html.append("<span class=\"down\">not watched by this process</span>");
    } else if (status.up()) {
      html.append("<span class=\"up\">up</span>: the servers answer");
    } else {
      html.append("<span class=\"down\">down</span> since ")
          .append(status.downSince().map(t -> time(t, zone)).orElse("?"))
          .append(", ")
          .append(status.failures())
          .append(" failed attempt(s): ")
          .append(text(status.problem()))
          .append(status.nextAttempt().map(t -> "; next attempt " + time(t, zone)).orElse(""));
    }
    if (status != null) {
      html.append(status.lastPass().map(t -> "; last pass " + time(t, zone)).orElse(""));
      if (!status.held()) {
        html.append("; another process holds its lease and passes over it");
      }
    }
    html.append("</p><ul>");
    server(html, "IMAP", mailbox.imap(), "folders " + String.join(", ", mailbox.folders()));
    server(html, "SMTP", mailbox.smtp(), mailbox.saveToSent() ? "copies to Sent" : "no Sent copy");
    html.append("</ul></section>");
  }

  private static void server(StringBuilder html, String kind, ServerSettings s, String more) {
    html.append("<li>")
        .append(kind)
        .append(" ")
        .append(text(s.endpoint()))
        .append(" (")
        .append(text(s.security().name().toLowerCase(java.util.Locale.ROOT)))
        .append("), ")
        .append(text(more))
        .append("</li>");
  }

  private void week(StringBuilder html) {
    LiveSchedule schedule = office.schedule();
    Instant end = now.atZone(zone).plusDays(7).toInstant();
    List<OpenWindow> windows = schedule.openWindows(now, end);
    List<ClosedWindow> closures = schedule.closures(now, end);
    Optional<ClosedWindow> closed = schedule.closedWindowAt(now);
    html.append("<section id=\"week\"><h2>This week</h2><p>Now: ");
    if (closed.isPresent()) {
      html.append("<strong>closed</strong> (").append(text(why(closed.get()))).append(")");
    } else {
      html.append("<strong>open</strong>");
    }
    html.append(". Next opening: <strong id=\"next-opening\">")
        .append(time(schedule.nextOpeningAt(now), zone))
        .append("</strong> (")
        .append(text(zone.getId()))
        .append(").</p><div class=\"cols\"><table id=\"windows\"><caption>Open</caption>");
    html.append("<tr><th>from</th><th>until</th></tr>");
    if (windows.isEmpty()) {
      html.append("<tr><td colspan=\"2\">none in these seven days</td></tr>");
    }
    for (OpenWindow w : windows) {
      html.append("<tr><td>")
          .append(time(w.open(), zone))
          .append("</td><td>")
          .append(time(w.close(), zone))
          .append("</td></tr>");
    }
    html.append("</table><table id=\"closures\"><caption>Closed</caption>");
    html.append("<tr><th>from</th><th>until</th><th>why</th></tr>");
    for (ClosedWindow c : closures) {
      html.append("<tr class=\"")
          .append(text(c.reason().word()))
          .append("\"><td>")
          .append(time(c.from(), zone))
          .append("</td><td>")
          .append(time(c.until(), zone))
          .append("</td><td>")
          .append(text(why(c)))
          .append("</td></tr>");
    }
    html.append("</table></div></section>");
  }

  static String why(ClosedWindow c) {
    return c.label().isEmpty() ? c.reason().word() : c.reason().word() + ": " + c.label();
  }

  /** The reply a sender would get for a message arriving now, rendered as {@code preview} does. */
  private void preview(StringBuilder html) {
    html.append("<section id=\"preview\"><h2>What a sender gets right now</h2>");
    TemplateCatalog templates = office.templates();
    // The sample sender stands for a client the owner has written to: with reply.only-to =
    // correspondents the page shows the reply such a client gets, not UNKNOWN_SENDER.
    Correspondents known = (box, address) -> true;
    Responder responder =
        new Responder(
            mailbox.identity(),
            mailbox.office(),
            office.schedule(),
            templates,
            ReplyHistory.none(),
            known,
            new RandomMessageIds());
    MessageFacts facts =
        MessageFactsReader.fromFields(
            SAMPLE_SENDER, mailbox.owner().toString(), SAMPLE_SUBJECT, List.of(), now);
    Decision decision;
    Optional<OutgoingReply> reply;
    try {
      decision = responder.decide(facts, now);
      reply =
          decision instanceof Decision.Reply r
              ? Optional.of(responder.compose(facts, r, now))
              : Optional.empty();
    } catch (RuntimeException e) {
      html.append("<p class=\"down\">The reply cannot be made: ")
          .append(text(String.valueOf(e.getMessage())))
          .append("</p></section>");
      return;
    }
    html.append("<p>A message from <code>")
        .append(text(SAMPLE_SENDER))
        .append("</code> arriving now: <strong id=\"preview-decision\">")
        .append(reply.isPresent() ? "reply" : "no reply")
        .append("</strong> (")
        .append(text(decision.summary()))
        .append(")");
    if (reply.isEmpty()) {
      html.append(".</p></section>");
      return;
    }
    OutgoingReply r = reply.get();
    html.append(", template <code id=\"preview-template\">")
        .append(text(r.template() + "." + r.language()))
        .append("</code>.</p><p>Subject: <strong id=\"preview-subject\">")
        .append(text(r.subject()))
        .append("</strong></p><pre id=\"preview-text\">")
        .append(text(r.text()))
        .append("</pre>");
    r.html()
        .ifPresent(
            h ->
                // srcdoc is an attribute: escaped once here, the browser reads the HTML back; the
                // empty sandbox runs no script and loads nothing from outside the page.
                html.append(
                        "<p>HTML part:</p><iframe id=\"preview-html\" title=\"HTML part\""
                            + " sandbox=\"\" referrerpolicy=\"no-referrer\" srcdoc=\"")
                    .append(text(h))
                    .append("\"></iframe>"));
    html.append("</section>");
  }
}
