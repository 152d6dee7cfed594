package io.afterhours.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.afterhours.config.Settings;
import io.afterhours.config.SettingsLoader;
import io.afterhours.daemon.HttpEndpoint;
import io.afterhours.daemon.MailboxStatus;
import io.afterhours.daemon.Mailboxes;
import io.afterhours.daemon.Metrics;
import io.afterhours.pass.DecisionRecord;
import io.afterhours.pass.DecisionRecord.Outcome;
import io.afterhours.responder.TemplateFiles;
import io.afterhours.schedule.AwayPeriod;
import io.afterhours.schedule.LiveSchedule;
import io.afterhours.store.KeptAway;
import io.afterhours.store.Store;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The status page over a store and settings of its own (no mail server): what it shows, that it
 * escapes what mail brings, and who may change the away switch.
 */
class StatusPageTest {
  /** Saturday night in Jakarta. */
  private static final Instant NOW = Instant.parse("2026-11-28T14:00:00Z");

  private static final String TOKEN = "the-install-token";
  private static final AtomicInteger STORES = new AtomicInteger();

  @TempDir Path dir;
  private final HttpClient http = HttpClient.newHttpClient();
  private Store store;
  private HttpEndpoint endpoint;
  private LiveSchedule schedule;

  @BeforeEach
  void start() throws Exception {
    startWith("");
  }

  /** Starts the page over the test's config, with {@code extra} lines in its afterhours block. */
  private void startWith(String extra) throws Exception {
    Path config = dir.resolve("afterhours.conf");
    Files.writeString(
        config,
        """
        afterhours {
          zone = "Asia/Jakarta"
          language = "en"
          templates = "%s"
          away = [ { from = "2026-12-21", until = "2026-12-31", note = "year's end" } ]
          mailboxes = [ { name = "work", address = "me@example.com",
            display-name = "Studio <Kopi> & Co",
            imap { host = "127.0.0.1", port = 1, security = none, password = "x" },
            smtp { host = "127.0.0.1", port = 1, security = none } } ]
          store.url = "jdbc:h2:mem:status-page-%d"
          %s
        }
        """
            .formatted(
                Path.of("config/templates").toAbsolutePath(), STORES.incrementAndGet(), extra));
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    Settings settings = new SettingsLoader(clock).load(config);
    store = Store.open(settings.store(), clock);
    var mailbox = settings.mailboxes().get(0);
    schedule = new LiveSchedule(mailbox.office().schedule());
    Mailboxes.Office office = new Mailboxes.Office(schedule, TemplateFiles.load(mailbox.office()));
    StatusSource source =
        new StatusSource() {
          @Override
          public Settings settings() {
            return settings;
          }

          @Override
          public Store store() {
            return store;
          }

          @Override
          public Optional<Mailboxes.Office> office(String name) {
            return name.equals("work") ? Optional.of(office) : Optional.empty();
          }

          @Override
          public Map<String, MailboxStatus> status() {
            return Map.of(
                "work",
                new MailboxStatus(
                    false,
                    3,
                    "IMAP <server> refused",
                    Optional.of(NOW.minusSeconds(600)),
                    Optional.of(NOW.plusSeconds(60)),
                    Optional.empty(),
                    true));
          }

          @Override
          public void refreshAway(String name) {
            schedule.keep(
                store.awayPeriods().forMailbox(name).stream().map(KeptAway::period).toList());
          }

          @Override
          public Clock clock() {
            return clock;
          }
        };
    endpoint =
        HttpEndpoint.start(
            "127.0.0.1",
            0,
            new Metrics(),
            Map::of,
            () -> true,
            Optional.of(new StatusPage(source, true, Optional.of(TOKEN))));
  }

  @AfterEach
  void stop() {
    endpoint.close();
    store.close();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoint.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String form, String... headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoint.port() + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private String origin() {
    return "http://127.0.0.1:" + endpoint.port();
  }

  @Test
  void showsTheServersTheWeekThePreviewAndTheAwayPeriodsOfTheConfigFile() throws Exception {
    HttpResponse<String> page = get("/mailbox/work");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Security-Policy"))
        .get()
        .asString()
        .contains("default-src 'none'");
    assertThat(page.body())
        .contains("down</span> since")
        .contains("IMAP &lt;server&gt; refused")
        .contains("<strong>closed</strong> (weekend)")
        .contains("Mon 30 Nov 2026 09:00")
        .contains("<code id=\"preview-template\">after-hours.en</code>")
        .contains("Our office is closed at the moment")
        .contains("sandbox=\"\"")
        .contains("year&#39;s end")
        .contains("the config file");
    assertThat(get("/").body()).contains("<a href=\"/mailbox/work\">work</a>");
  }

  @Test
  void withRepliesOnlyToCorrespondentsThePreviewShowsWhatAKnownClientGets() throws Exception {
    stop();
    startWith("reply.only-to = correspondents");

    assertThat(get("/mailbox/work").body())
        .contains("<strong id=\"preview-decision\">reply</strong>")
        .contains("<code id=\"preview-template\">after-hours.en</code>")
        .doesNotContain("UNKNOWN_SENDER");
  }

  @Test
  void escapesWhatMailBringsAndWhatTheFormTakes() throws Exception {
    store
        .decisions()
        .record(
            new DecisionRecord(
                NOW,
                "work",
                "INBOX",
                7,
                "<x@evil>",
                "\"<script>\"@evil.example",
                Outcome.SKIP,
                "LIST_MAIL",
                "List-Id: <img src=x onerror=alert(1)>",
                Optional.empty(),
                Optional.empty()));
    store
        .awayPeriods()
        .set(
            Optional.of("work"),
            new AwayPeriod(NOW, NOW.plus(Duration.ofDays(1)), "away", "<b>cuti</b>"),
            "page",
            NOW);

    String body = get("/mailbox/work").body();

    assertThat(body)
        .doesNotContain("<script>")
        .doesNotContain("<img src=x")
        .doesNotContain("<b>cuti</b>")
        .doesNotContain("<Kopi>")
        .contains("&quot;&lt;script&gt;&quot;@evil.example")
        .contains("List-Id: &lt;img src=x onerror=alert(1)&gt;")
        .contains("&lt;b&gt;cuti&lt;/b&gt;")
        .contains("Studio &lt;Kopi&gt; &amp; Co");
  }

  @Test
  void thePageSetsAnAwayPeriodWithTheTokenAndTheReplyChangesAtOnce() throws Exception {
    HttpResponse<String> set =
        post(
            "/mailbox/work/away",
            "from=2026-11-28T20:00&until=2026-12-02&note=cuti&template=away"
                + "&forward-to=rekan%40example.com&token="
                + TOKEN,
            "Origin",
            origin(),
            "Sec-Fetch-Site",
            "same-origin");

    assertThat(set.statusCode()).as(set.body()).isEqualTo(303);
    assertThat(set.headers().firstValue("Location")).get().asString().startsWith("/mailbox/work?");
    assertThat(store.awayPeriods().forMailbox("work"))
        .singleElement()
        .satisfies(
            k -> {
              assertThat(k.createdBy()).isEqualTo("page");
              assertThat(k.period().until()).isEqualTo(Instant.parse("2026-12-02T17:00:00Z"));
              assertThat(k.period().forwardTo()).containsExactly("rekan@example.com");
            });
    String page = get("/mailbox/work").body();
    assertThat(page)
        .contains("<code id=\"preview-template\">away.en</code>")
        .contains("the store, #1, set by page")
        .contains("<td>rekan@example.com</td>")
        .contains("page set away period #1");

    HttpResponse<String> end =
        post("/mailbox/work/away/end", "id=1", RequestGuard.TOKEN_HEADER, TOKEN);
    assertThat(end.statusCode()).as(end.body()).isEqualTo(303);
    assertThat(get("/mailbox/work").body())
        .contains("<code id=\"preview-template\">after-hours.en</code>")
        .contains("page ended away period #1");
  }

  @Test
  void withoutTheTokenOrWithAWrongOneNothingChanges() throws Exception {
    assertThat(post("/mailbox/work/away", "from=2026-11-28&until=2026-12-02").statusCode())
        .isEqualTo(403);
    HttpResponse<String> wrong =
        post("/mailbox/work/away", "from=2026-11-28&until=2026-12-02&token=guess");
    assertThat(wrong.statusCode()).isEqualTo(403);
    assertThat(wrong.body()).contains("the token is wrong");
    assertThat(store.awayPeriods().all()).isEmpty();
    assertThat(store.awayPeriods().changes(Optional.empty(), Optional.empty(), Optional.empty(), 9))
        .isEmpty();
  }

  @Test
  void aFormPostedFromAnotherSiteIsRefusedEvenWithTheToken() throws Exception {
    String form = "from=2026-11-28&until=2026-12-02&token=" + TOKEN;

    HttpResponse<String> crossSite =
        post("/mailbox/work/away", form, "Sec-Fetch-Site", "cross-site");
    HttpResponse<String> foreignOrigin =
        post("/mailbox/work/away", form, "Origin", "http://evil.example");
    HttpResponse<String> nullOrigin = post("/mailbox/work/away", form, "Origin", "null");

    assertThat(crossSite.statusCode()).isEqualTo(403);
    assertThat(crossSite.body()).contains("another site (Sec-Fetch-Site: cross-site)");
    assertThat(foreignOrigin.statusCode()).isEqualTo(403);
    assertThat(nullOrigin.statusCode()).isEqualTo(403);
    assertThat(store.awayPeriods().all()).isEmpty();
  }

  @Test
  void aRequestForAnotherHostNameGetsNothingAgainstDnsRebinding() throws Exception {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), endpoint.port())) {
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET /mailbox/work HTTP/1.1\r\nHost: evil.example:"
                  + endpoint.port()
                  + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertThat(response).startsWith("HTTP/1.1 403").doesNotContain("me@example.com");
    }
  }

  @Test
  void getNeverChangesStateAndThePageTakesNoOtherMethod() throws Exception {
    assertThat(
            get("/mailbox/work/away?from=2026-11-28&until=2026-12-02&token=" + TOKEN).statusCode())
        .isEqualTo(405);
    assertThat(post("/mailbox/work", "token=" + TOKEN).statusCode()).isEqualTo(405);
    assertThat(get("/mailbox/nobody").statusCode()).isEqualTo(404);
    assertThat(store.awayPeriods().all()).isEmpty();
    assertThat(get("/livez").statusCode()).as("the health paths stay as they were").isEqualTo(200);
  }

  @Test
  void aTemplateThatDoesNotExistIsRefusedWithTheTemplatesThere() throws Exception {
    HttpResponse<String> response =
        post(
            "/mailbox/work/away",
            "from=2026-11-28&until=2026-12-02&template=holidays&token=" + TOKEN);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body())
        .contains("there is no template &quot;holidays&quot;")
        .contains("after-hours, away, holiday");
    assertThat(store.awayPeriods().all()).isEmpty();
  }

  @Test
  void theDecisionsAreFilteredByKindAndSummedUpBySenderForTheLatestLeave() throws Exception {
    Map<String, Outcome> senders = new HashMap<>();
    senders.put("budi@example.org", Outcome.REPLY);
    senders.put("list@example.org", Outcome.SKIP);
    long uid = 1;
    for (var e : senders.entrySet()) {
      store
          .decisions()
          .record(
              new DecisionRecord(
                  NOW.minusSeconds(60),
                  "work",
                  "INBOX",
                  uid++,
                  "<" + e.getKey() + ">",
                  e.getKey(),
                  e.getValue(),
                  e.getValue() == Outcome.REPLY ? "away.en" : "LIST_MAIL",
                  "",
                  Optional.empty(),
                  Optional.empty()));
    }
    store
        .awayPeriods()
        .set(
            Optional.empty(),
            new AwayPeriod(NOW.minusSeconds(3600), NOW.plusSeconds(3600), "away", ""),
            "command",
            NOW);

    String skips = get("/mailbox/work?decision=skip").body();
    String page = get("/mailbox/work").body();

    String decisions = skips.substring(skips.indexOf("id=\"decision-list\""));
    assertThat(decisions).contains("list@example.org").doesNotContain("budi@example.org");
    String summary =
        page.substring(page.indexOf("id=\"while-away\""), page.indexOf("id=\"decisions\""));
    assertThat(summary)
        .contains("1 replied, 1 skipped, 0 failed, from 2 sender(s)")
        .contains("reply away.en ×1")
        .contains("skip LIST_MAIL ×1");
  }
}
