package io.afterhours.status;

import static io.afterhours.status.Html.segment;
import static io.afterhours.status.Html.text;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.afterhours.config.MailboxSettings;
import io.afterhours.daemon.MailboxStatus;
import io.afterhours.daemon.Mailboxes;
import io.afterhours.store.KeptAway;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The status page, served by {@code run} beside /livez and /metrics: {@code /} lists the mailboxes,
 * {@code /mailbox/NAME} shows one, and two forms change the away switch: {@code POST
 * /mailbox/NAME/away} sets a period, {@code POST /mailbox/NAME/away/end} ends or takes back one.
 * Plain HTML written on the server, every value escaped, no script; {@link RequestGuard} decides
 * who may read and who may change.
 */
public final class StatusPage implements HttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger(StatusPage.class);
  private static final int MAX_FORM = 16 * 1024;
  private static final String PREFIX = "/mailbox/";

  private final StatusSource source;
  private final RequestGuard guard;

  /**
   * @param loopbackOnly the server listens on the loopback only: requests must name it so
   * @param token the install's token; empty when it could not be read (nothing can change then)
   */
  public StatusPage(StatusSource source, boolean loopbackOnly, Optional<String> token) {
    this.source = source;
    this.guard = new RequestGuard(loopbackOnly, token);
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try {
      Optional<String> refused = guard.refuseToRead(exchange.getRequestHeaders());
      if (refused.isPresent()) {
        page(exchange, 403, "Refused", "<p>" + text(refused.get()) + "</p>");
        return;
      }
      route(exchange);
    } catch (RuntimeException e) {
      LOG.warn("status page: {} {} failed", exchange.getRequestMethod(), path(exchange), e);
      page(
          exchange,
          500,
          "Something failed",
          "<p>" + text(String.valueOf(e.getMessage())) + "</p><p>The daemon's log has more.</p>");
    } finally {
      exchange.close();
    }
  }

  private void route(HttpExchange exchange) throws IOException {
    String path = path(exchange);
    String method = exchange.getRequestMethod();
    boolean read = method.equals("GET") || method.equals("HEAD");
    if (path.equals("/")) {
      if (!read) {
        notAllowed(exchange, "GET, HEAD");
      } else {
        page(exchange, 200, "afterhours", index());
      }
      return;
    }
    if (!path.startsWith(PREFIX)) {
      page(exchange, 404, "Not found", "<p>Try <a href=\"/\">the list of mailboxes</a>.</p>");
      return;
    }
    String[] parts = path.substring(PREFIX.length()).split("/", -1);
    Optional<MailboxSettings> mailbox = mailbox(decode(parts[0]));
    Optional<Mailboxes.Office> office = mailbox.flatMap(m -> source.office(m.name()));
    if (mailbox.isEmpty() || office.isEmpty()) {
      page(exchange, 404, "No such mailbox", "<p><a href=\"/\">The mailboxes</a></p>");
      return;
    }
    String rest = String.join("/", List.of(parts).subList(1, parts.length));
    switch (rest) {
      case "" -> {
        if (!read) {
          notAllowed(exchange, "GET, HEAD");
          return;
        }
        source.refreshAway(mailbox.get().name());
        PageQuery query = PageQuery.parse(exchange.getRequestURI().getRawQuery());
        String body = new MailboxPage(source, mailbox.get(), office.get()).render(query, names());
        page(exchange, 200, mailbox.get().name() + " · afterhours", body);
      }
      case "away", "away/end" -> {
        if (!method.equals("POST")) {
          notAllowed(exchange, "POST");
          return;
        }
        change(exchange, mailbox.get(), office.get(), rest.equals("away"));
      }
      default -> page(exchange, 404, "Not found", "<p><a href=\"/\">The mailboxes</a></p>");
    }
  }

  /** A POST of the away form or of an end button. */
  private void change(
      HttpExchange exchange, MailboxSettings mailbox, Mailboxes.Office office, boolean set)
      throws IOException {
    String back = PREFIX + segment(mailbox.name());
    Optional<PageQuery> form = form(exchange);
    if (form.isEmpty()) {
      page(
          exchange,
          415,
          "Not a form",
          "<p>Send the fields as application/x-www-form-urlencoded.</p>");
      return;
    }
    Optional<String> refused =
        guard.refuseToChange(exchange.getRequestHeaders(), form.get().get("token"));
    if (refused.isPresent()) {
      LOG.warn(
          "status page: a change of mailbox {}'s away switch was refused: {}",
          mailbox.name(),
          refused.get());
      page(
          exchange,
          403,
          "Refused",
          "<p id=\"refused\">Nothing was changed: "
              + text(refused.get())
              + ".</p><p><a href=\""
              + back
              + "\">Back</a></p>");
      return;
    }
    AwaySwitch awaySwitch =
        new AwaySwitch(source.settings(), source.store().awayPeriods(), source.clock());
    String done = set ? set(form.get(), mailbox, office, awaySwitch) : end(form.get(), awaySwitch);
    if (done.startsWith("!")) {
      page(
          exchange,
          400,
          "Not changed",
          "<p id=\"refused\">Nothing was changed: "
              + text(done.substring(1))
              + ".</p><p><a href=\""
              + back
              + "\">Back</a></p>");
      return;
    }
    source.refreshAway(mailbox.name());
    exchange
        .getResponseHeaders()
        .set(
            "Location",
            back + "?changed=" + java.net.URLEncoder.encode(done, StandardCharsets.UTF_8));
    page(exchange, 303, "Done", "<p>" + text(done) + "</p>");
  }

  /** Sets a period; what was done, or "!" and why not. */
  private String set(
      PageQuery form, MailboxSettings mailbox, Mailboxes.Office office, AwaySwitch awaySwitch) {
    ZoneId zone = office.schedule().zone();
    Optional<Instant> from = form.get("from").flatMap(t -> AwayTimes.parse(t, zone, false));
    Optional<Instant> until = form.get("until").flatMap(t -> AwayTimes.parse(t, zone, true));
    if (from.isEmpty() || until.isEmpty()) {
      return "!" + (from.isEmpty() ? "from" : "until") + " should be " + AwayTimes.expected(zone);
    }
    Optional<String> scope =
        form.get("every").isPresent() ? Optional.empty() : Optional.of(mailbox.name());
    AwaySwitch.Outcome outcome =
        awaySwitch.set(
            scope,
            from.get(),
            until.get(),
            form.get("template").orElse(""),
            form.get("note").orElse(""),
            AwaySwitch.addresses(form.get("forward-to").orElse("")),
            AwaySwitch.PAGE);
    if (outcome instanceof AwaySwitch.Refused r) {
      return "!" + r.why();
    }
    KeptAway kept = ((AwaySwitch.Kept) outcome).kept();
    return "Away period #" + kept.id() + " set; the daemon applies it at its next pass.";
  }

  private static String end(PageQuery form, AwaySwitch awaySwitch) {
    Optional<Long> id = form.get("id").filter(s -> s.matches("\\d{1,18}")).map(Long::valueOf);
    if (id.isEmpty()) {
      return "!which period? (no id)";
    }
    return awaySwitch
        .end(id.get(), AwaySwitch.PAGE)
        .map(k -> "Away period #" + k.id() + " ended.")
        .orElse("!away period #" + id.get() + " is not kept, or is over already");
  }

  private Optional<PageQuery> form(HttpExchange exchange) throws IOException {
    String type = exchange.getRequestHeaders().getFirst("Content-Type");
    if (type == null
        || !type.toLowerCase(java.util.Locale.ROOT)
            .startsWith("application/x-www-form-urlencoded")) {
      return Optional.empty();
    }
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readNBytes(MAX_FORM + 1);
      if (body.length > MAX_FORM) {
        return Optional.empty();
      }
      return Optional.of(PageQuery.parse(new String(body, StandardCharsets.US_ASCII)));
    }
  }

  private String index() {
    List<MailboxSettings> mailboxes = source.settings().mailboxes();
    StringBuilder html = new StringBuilder("<header><h1>afterhours</h1></header>");
    html.append("<section><h2>Mailboxes</h2><table id=\"mailboxes\">")
        .append("<tr><th>mailbox</th><th>address</th><th>servers</th><th>now</th></tr>");
    Instant now = source.clock().instant();
    for (MailboxSettings m : mailboxes) {
      MailboxStatus status = source.status().get(m.name());
      String servers = status == null ? "not watched here" : status.up() ? "up" : "down";
      String open =
          source
              .office(m.name())
              .map(o -> o.schedule().closedWindowAt(now).map(MailboxPage::why).orElse("open"))
              .orElse("");
      html.append("<tr><td><a href=\"")
          .append(PREFIX)
          .append(segment(m.name()))
          .append("\">")
          .append(text(m.name()))
          .append("</a></td><td>")
          .append(text(m.owner().address()))
          .append("</td><td class=\"")
          .append(servers.equals("up") ? "up" : "down")
          .append("\">")
          .append(servers)
          .append("</td><td>")
          .append(text(open))
          .append("</td></tr>");
    }
    return html.append("</table></section>").toString();
  }

  private Optional<MailboxSettings> mailbox(String name) {
    return source.settings().mailboxes().stream().filter(m -> m.name().equals(name)).findFirst();
  }

  private List<String> names() {
    return source.settings().mailboxes().stream().map(MailboxSettings::name).toList();
  }

  private static String path(HttpExchange exchange) {
    String raw = exchange.getRequestURI().getRawPath();
    return raw == null ? "/" : raw;
  }

  private static String decode(String segment) {
    try {
      return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return "";
    }
  }

  private static void notAllowed(HttpExchange exchange, String allow) throws IOException {
    exchange.getResponseHeaders().set("Allow", allow);
    page(exchange, 405, "Method not allowed", "<p>Use " + allow + ".</p>");
  }

  /** Sends a whole page with headers that keep it from being framed, cached or sniffed. */
  static void page(HttpExchange exchange, int status, String title, String body)
      throws IOException {
    byte[] bytes = Layout.page(title, body).getBytes(StandardCharsets.UTF_8);
    var headers = exchange.getResponseHeaders();
    headers.set("Content-Type", "text/html; charset=utf-8");
    headers.set("Content-Security-Policy", Layout.CONTENT_SECURITY_POLICY);
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("X-Frame-Options", "DENY");
    // Not no-referrer: with it, a browser sends "Origin: null" with the page's own forms.
    headers.set("Referrer-Policy", "same-origin");
    headers.set("Cache-Control", "no-store");
    if (exchange.getRequestMethod().equals("HEAD")) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
