package io.afterhours.status;

import static io.afterhours.status.Html.segment;
import static io.afterhours.status.Html.text;
import static io.afterhours.status.Html.time;

import io.afterhours.config.MailboxSettings;
import io.afterhours.daemon.Mailboxes;
import io.afterhours.reply.TemplateCatalog;
import io.afterhours.schedule.AwayPeriod;
import io.afterhours.store.KeptAway;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * The away periods of a mailbox, those of the config file and those kept in the store, saying which
 * is which; a button to end or take back each kept one; and the form that sets a new one.
 */
final class AwaySection {
  private final StatusSource source;
  private final MailboxSettings mailbox;
  private final Mailboxes.Office office;
  private final Instant now;
  private final ZoneId zone;

  AwaySection(StatusSource source, MailboxSettings mailbox, Mailboxes.Office office, Instant now) {
    this.source = source;
    this.mailbox = mailbox;
    this.office = office;
    this.now = now;
    this.zone = office.schedule().zone();
  }

  void render(StringBuilder html) {
    String action = "/mailbox/" + segment(mailbox.name()) + "/away";
    List<AwayPeriod> configured = office.schedule().configured().awayPeriods();
    List<KeptAway> kept = source.store().awayPeriods().forMailbox(mailbox.name());
    html.append("<section id=\"away\"><h2>Away</h2>");
    html.append("<table id=\"away-periods\"><tr><th>from</th><th>until</th><th>template</th>")
        .append("<th>note</th><th>forwarded to</th><th>kept in</th><th>now</th><th></th></tr>");
    if (configured.isEmpty() && kept.isEmpty()) {
      html.append("<tr><td colspan=\"8\">no away periods</td></tr>");
    }
    for (AwayPeriod a : configured) {
      row(html, a, "the config file", "");
    }
    for (KeptAway k : kept) {
      String where =
          "the store, #"
              + k.id()
              + (k.mailbox().isEmpty() ? ", every mailbox" : "")
              + ", set by "
              + k.createdBy();
      String button = "";
      if (k.period().until().isAfter(now)) {
        button =
            "<form method=\"post\" action=\""
                + action
                + "/end\"><input type=\"hidden\" name=\"id\" value=\""
                + k.id()
                + "\">"
                + tokenField("end-token-" + k.id())
                + "<button type=\"submit\" class=\"end\">"
                + (k.period().contains(now) ? "End now" : "Take back")
                + "</button></form>";
      }
      row(html, k.period(), where, button);
    }
    html.append("</table>");
    form(html, action);
    html.append("</section>");
  }

  private void row(StringBuilder html, AwayPeriod a, String where, String button) {
    String state = a.contains(now) ? "now" : a.from().isAfter(now) ? "to come" : "over";
    html.append("<tr class=\"")
        .append(state.replace(' ', '-'))
        .append("\"><td>")
        .append(time(a.from(), zone))
        .append("</td><td>")
        .append(time(a.until(), zone))
        .append("</td><td>")
        .append(text(a.template()))
        .append("</td><td>")
        .append(text(a.note()))
        .append("</td><td>")
        .append(text(String.join(" ", a.forwardTo())))
        .append("</td><td>")
        .append(text(where))
        .append("</td><td>")
        .append(state)
        .append(
            a.from().isBefore(now)
                ? " <a href=\"?since="
                    + segment(Html.local(a.from(), zone))
                    + "&amp;until="
                    + segment(Html.local(a.until().isBefore(now) ? a.until() : now, zone))
                    + "#while-away\">sum up</a>"
                : "")
        .append("</td><td>")
        .append(button)
        .append("</td></tr>");
  }

  private void form(StringBuilder html, String action) {
    html.append("<form id=\"away-form\" method=\"post\" action=\"")
        .append(action)
        .append("\"><fieldset><legend>Go away</legend>")
        .append(
            "<p class=\"hint\">A date (2026-12-24: the whole day) or a time (2026-12-20T12:00),")
        .append(" in ")
        .append(text(zone.getId()))
        .append(". The daemon applies it at its next pass.</p>")
        .append("<label>from <input id=\"away-from\" name=\"from\" required value=\"")
        .append(text(Html.local(now, zone)))
        .append("\"></label> <label>until <input id=\"away-until\" name=\"until\" required")
        .append(" placeholder=\"2026-12-24\"></label> ")
        .append("<label>note <input id=\"away-note\" name=\"note\" maxlength=\"200\"></label> ")
        .append("<label>forward to <input id=\"away-forward-to\" name=\"forward-to\"")
        .append(" placeholder=\"colleague@example.com\" maxlength=\"500\"></label> ")
        .append("<label>template <select id=\"away-template\" name=\"template\">");
    for (String name : AwaySwitch.templateNames(office.templates())) {
      html.append("<option")
          .append(name.equals(TemplateCatalog.AWAY) ? " selected" : "")
          .append(">")
          .append(text(name))
          .append("</option>");
    }
    html.append("</select></label> ")
        .append(
            "<label><input type=\"checkbox\" name=\"every\" value=\"yes\"> every mailbox</label>")
        .append("<br>")
        .append(tokenField("away-token"))
        .append(" <button id=\"away-submit\" type=\"submit\">Go away</button></fieldset></form>");
  }

  private static String tokenField(String id) {
    return "<label>token <input type=\"password\" id=\""
        + id
        + "\" name=\"token\" autocomplete=\"current-password\" size=\"12\""
        + " placeholder=\"afterhours token\"></label>";
  }
}
