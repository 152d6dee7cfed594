package io.afterhours.daemon;

import static io.afterhours.daemon.ResponderHarness.SATURDAY_NIGHT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.afterhours.pass.DecisionRecord.Outcome;
import io.afterhours.store.Store;
import io.afterhours.store.StoreException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon as {@code afterhours run} starts it: a Quartz job polling every second, its "now" from
 * a clock fixed on Saturday night.
 */
class QuartzDaemonIT {
  private MailServer server;
  private ResponderHarness responder;
  private QuartzDaemon daemon;

  @BeforeEach
  void start(@TempDir Path dir) {
    server = MailServer.start();
    responder = new ResponderHarness(server, dir).pollingEvery("1s");
  }

  @AfterEach
  void stop() {
    if (daemon != null) {
      daemon.stop();
    }
    responder.close();
    server.close();
  }

  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> get(HttpEndpoint endpoint, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoint.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The value of {@code afterhours_mailbox_up{mailbox="work"}} in a scrape of the endpoint. */
  private double workIsUp(HttpEndpoint endpoint) throws Exception {
    String line =
        get(endpoint, "/metrics")
            .body()
            .lines()
            .filter(l -> l.startsWith("afterhours_mailbox_up{mailbox=\"work\"}"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no afterhours_mailbox_up for work"));
    return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
  }

  @Test
  void aStoppedImapServerTurnsTheMailboxGaugeFromOneToZeroAndReadinessNotLiveness()
      throws Exception {
    Mailboxes mailboxes = responder.openWithBaseline();
    daemon =
        new QuartzDaemon(mailboxes, responder.settings().pollInterval(), false, responder.clock());
    daemon.start();
    try (HttpEndpoint endpoint =
        HttpEndpoint.start(0, daemon.metrics(), daemon::mailboxStates, daemon::alive)) {
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> get(endpoint, "/metrics").body().contains("afterhours_pass_seconds_count{"));
      GarbageCollection.collect();
      assertThat(workIsUp(endpoint)).isEqualTo(1.0);
      assertThat(get(endpoint, "/readyz").statusCode()).isEqualTo(200);
      assertThat(get(endpoint, "/livez").statusCode()).isEqualTo(200);

      server.close();

      await()
          .atMost(Duration.ofSeconds(30))
          .failFast("afterhours_mailbox_up read NaN", () -> Double.isNaN(workIsUp(endpoint)))
          .until(() -> workIsUp(endpoint) == 0.0);
      GarbageCollection.collect();
      assertThat(workIsUp(endpoint)).isEqualTo(0.0);
      HttpResponse<String> ready = get(endpoint, "/readyz");
      assertThat(ready.statusCode()).isEqualTo(503);
      assertThat(ready.body()).contains("\"work\":\"down\"");
      assertThat(get(endpoint, "/healthz").statusCode()).isEqualTo(503);
      assertThat(get(endpoint, "/livez").statusCode())
          .as("a restart cannot bring the mail server back")
          .isEqualTo(200);
    }
  }

  @Test
  void theDaemonAnswersAnAfterHoursMailOnceThoughItKeepsPollingAndStopsCleanly() throws Exception {
    Mailboxes mailboxes = responder.openWithBaseline();
    assertThat(responder.settings().pollInterval()).isEqualTo(Duration.ofSeconds(1));
    String budi = responder.client("budi");
    IncomingMail mail = IncomingMail.from("Budi <" + budi + ">", responder.owner());
    daemon =
        new QuartzDaemon(mailboxes, responder.settings().pollInterval(), false, responder.clock());
    daemon.start();

    responder.deliver(mail, SATURDAY_NIGHT);

    await().atMost(Duration.ofSeconds(10)).until(() -> responder.repliesTo(budi).size() == 1);
    // Several more polls come and go without a second reply.
    await()
        .during(Duration.ofMillis(3500))
        .atMost(Duration.ofSeconds(6))
        .until(() -> responder.repliesTo(budi).size() == 1);
    assertThat(responder.decisionsAbout(mail))
        .extracting(d -> d.decision())
        .containsExactly(Outcome.REPLY);
    assertThat(daemon.metrics().scrape())
        .contains("outcome=\"reply\",reason=\"after-hours\"} 1.0")
        .contains("afterhours_mailbox_up{");
    assertThat(daemon.mailboxStates()).containsValue(true);

    Store store = mailboxes.store();
    assertTimeoutPreemptively(Duration.ofSeconds(10), daemon::stop);
    assertTimeoutPreemptively(Duration.ofSeconds(1), daemon::awaitStop);
    daemon = null;
    assertThatThrownBy(() -> store.decisions().history(Optional.empty(), Optional.empty(), 1))
        .as("the store is closed")
        .isInstanceOf(StoreException.class);
  }

  @Test
  void withIdleANewMailIsAnsweredAtOnceLongBeforeThePollSweep(@TempDir Path dir) throws Exception {
    ResponderHarness slow = new ResponderHarness(server, dir).pollingEvery("10m");
    try {
      Mailboxes mailboxes = slow.openWithBaseline();
      String budi = slow.client("budi");
      daemon = new QuartzDaemon(mailboxes, slow.settings().pollInterval(), true, slow.clock());
      daemon.start();
      // The first pass runs once the INBOX is watched; mail that comes later is only seen
      // through IDLE.
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> daemon.metrics().scrape().contains("afterhours_pass_seconds_count{"));
      await().atMost(Duration.ofSeconds(10)).until(daemon::idleWatching);

      slow.deliver(IncomingMail.from("Budi <" + budi + ">", slow.owner()), SATURDAY_NIGHT);

      await().atMost(Duration.ofSeconds(10)).until(() -> slow.repliesTo(budi).size() == 1);
    } finally {
      if (daemon != null) {
        daemon.stop();
        daemon = null;
      }
      slow.close();
    }
  }

  @Test
  void withIdleMailThatCameWhileTheDaemonWasDownIsAnsweredOnceTheFolderIsWatched(@TempDir Path dir)
      throws Exception {
    ResponderHarness slow = new ResponderHarness(server, dir).pollingEvery("10m");
    try {
      Mailboxes mailboxes = slow.openWithBaseline();
      String budi = slow.client("budi");
      // After the baseline, before the daemon: no IDLE notice will ever announce it, and the
      // first poll sweep is ten minutes away.
      slow.deliver(IncomingMail.from("Budi <" + budi + ">", slow.owner()), SATURDAY_NIGHT);
      daemon = new QuartzDaemon(mailboxes, slow.settings().pollInterval(), true, slow.clock());
      daemon.start();

      await().atMost(Duration.ofSeconds(10)).until(() -> slow.repliesTo(budi).size() == 1);
      assertThat(daemon.idleWatching()).isTrue();
    } finally {
      if (daemon != null) {
        daemon.stop();
        daemon = null;
      }
      slow.close();
    }
  }
}
