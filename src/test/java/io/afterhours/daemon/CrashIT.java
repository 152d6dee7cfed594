package io.afterhours.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN §6 for real (STYLE §8b): {@code afterhours} in a JVM of its own, killed with SIGKILL in
 * the middle of a 200-message batch, then started again; the replies that arrived are counted per
 * sender. With a Sent folder nothing is lost and at most one reply per kill is doubled; without one
 * nothing is doubled and at most one is lost. A second process on the same store doubles nothing,
 * and a cluster node killed mid-batch is taken over.
 */
class CrashIT {
  private static final int BATCH = 200;
  private static final AtomicInteger WORLDS = new AtomicInteger();
  private static MailServer server;

  @TempDir Path dir;
  private final List<ChildProcess> children = new ArrayList<>();
  private EmbeddedPostgres postgres;

  @BeforeAll
  static void startServer() {
    server = MailServer.start();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @AfterEach
  void cleanUp() throws Exception {
    for (ChildProcess child : children) {
      child.close();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void onceKilledMidBatchAndRunAgainLosesNothingAndDoublesAtMostOneWithASentFolder()
      throws Exception {
    for (int killAfter : new int[] {1, 70, 160}) {
      Batch batch = new Batch(h2(), true);
      ChildProcess once = batch.start("once");
      batch.killAfter(once, killAfter);

      batch.runOnceToTheEnd();

      batch.assertAnsweredAtLeastOnceAndDoubledAtMost(1, "killed after " + killAfter);
    }
  }

  @Test
  void onceKilledMidBatchAndRunAgainDoublesNothingAndLosesAtMostOneWithoutSent() throws Exception {
    for (int killAfter : new int[] {1, 100}) {
      Batch batch = new Batch(h2(), false);
      ChildProcess once = batch.start("once");
      batch.killAfter(once, killAfter);

      batch.runOnceToTheEnd();

      batch.assertNothingDoubledAndLostAtMost(1, "killed after " + killAfter);
    }
  }

  @Test
  void aDaemonOnPostgresKilledMidBatchAndStartedAgainLosesNothingAndDoublesAtMostOne()
      throws Exception {
    Batch batch = new Batch(postgres("killed"), true);
    ChildProcess run = batch.start("run");
    batch.killAfter(run, 80);

    ChildProcess again = batch.start("run");
    await().atMost(Duration.ofSeconds(90)).until(() -> batch.answered() == BATCH);
    again.terminate();

    batch.assertAnsweredAtLeastOnceAndDoubledAtMost(1, "run killed after 80");
  }

  @Test
  void onceStartedWhileTheDaemonIsMidBatchNamesItAndDoublesNothing() throws Exception {
    Batch batch = new Batch(h2(), true);
    ChildProcess run = batch.start("run");
    await().atMost(Duration.ofSeconds(60)).until(() -> batch.replies() >= 20);

    ChildProcess once = batch.start("once");
    int code = once.awaitExit(60);

    assertThat(code).as(once.output()).isEqualTo(1);
    assertThat(once.output())
        .contains("mailbox=work not passed over: afterhours run (pid " + run.pid() + " on ");
    await().atMost(Duration.ofSeconds(90)).until(() -> batch.answered() == BATCH);
    run.terminate();
    batch.assertAnsweredAtLeastOnceAndDoubledAtMost(0, "once during run");
  }

  @Test
  void aSecondDaemonOnTheSameStoreRefusesToStartAndNamesTheFirst() throws Exception {
    Batch batch = new Batch(h2(), true);
    ChildProcess first = batch.start("run");
    await().atMost(Duration.ofSeconds(60)).until(() -> batch.answered() == BATCH);

    ChildProcess second = batch.start("run");
    int code = second.awaitExit(60);

    assertThat(code).as(second.output()).isEqualTo(1);
    assertThat(second.output())
        .contains(
            "mailbox work is held by afterhours run (pid " + first.pid() + " on ",
            "set cluster.enabled = true");
    assertThat(first.isAlive()).isTrue();
    first.terminate();
    batch.assertAnsweredAtLeastOnceAndDoubledAtMost(0, "two daemons");
  }

  @Test
  void aClusterNodeKilledMidBatchIsTakenOverWithinFifteenSeconds() throws Exception {
    String url = postgres("cluster");
    Batch batch = new Batch(url, true, "cluster.enabled = true");
    ChildProcess a = batch.start("run");
    await().atMost(Duration.ofSeconds(60)).until(() -> batch.holderPid(url) > 0);
    ChildProcess b = batch.start("run");
    await().atMost(Duration.ofSeconds(60)).until(() -> batch.replies() >= 60);

    ChildProcess holder = batch.holderPid(url) == a.pid() ? a : b;
    ChildProcess survivor = holder == a ? b : a;
    holder.kill();
    int atKill = batch.replies();
    Instant killed = Instant.now();

    await().atMost(Duration.ofSeconds(30)).until(() -> batch.replies() > atKill);
    Duration takeover = Duration.between(killed, Instant.now());
    await().atMost(Duration.ofSeconds(90)).until(() -> batch.answered() == BATCH);
    survivor.terminate();

    assertThat(takeover)
        .as("the survivor's first reply after the kill")
        .isLessThan(Duration.ofSeconds(15));
    batch.assertAnsweredAtLeastOnceAndDoubledAtMost(1, "cluster node killed");
  }

  /**
   * Awaitility fails a wait when any thread dies of an uncaught exception. A child killed with
   * SIGKILL can leave its IMAP connection reset, and GreenMail's handler thread then dies of an
   * IllegalStateException ("Can not handle IMAP connection"): the server's noise, not a failure of
   * the responder, so the waits here do not catch it.
   */
  private static ConditionFactory await() {
    return Awaitility.await().dontCatchUncaughtExceptions();
  }

  private String h2() {
    return "url = \"jdbc:h2:file:"
        + ResponderHarness.hocon(dir.resolve("store-" + WORLDS.incrementAndGet()).toString())
        + "\"";
  }

  private String postgres(String database) throws Exception {
    postgres = EmbeddedPostgres.start();
    try (Connection admin = postgres.getPostgresDatabase().getConnection();
        Statement create = admin.createStatement()) {
      create.execute("CREATE DATABASE " + database);
    }
    return "url = \"%s\", user = \"postgres\", password = \"unused\""
        .formatted(ResponderHarness.hocon(postgres.getJdbcUrl("postgres", database)));
  }

  /** A mailbox with a baseline, then 200 after-hours mails from 200 senders. */
  private final class Batch {
    private final ResponderHarness responder;
    private final Path config;
    private final List<String> senders = new ArrayList<>();
    private final Path home;

    Batch(String store, boolean saveToSent, String... extra) throws Exception {
      home = Files.createDirectories(dir.resolve("world-" + WORLDS.incrementAndGet()));
      LocalDate today = LocalDate.now(ZoneId.of("Asia/Jakarta"));
      // Away from yesterday for a week: closed now, whatever the hour and day CI runs at.
      responder =
          new ResponderHarness(server, home)
              .withStore(store)
              .savingToSent(saveToSent)
              .pollingEvery("2s")
              .withReply("max-per-hour = 0")
              .with(
                  "away = [ { from = \"%s\", until = \"%s\", note = \"crash test\" } ]"
                      .formatted(today.minusDays(1), today.plusDays(7)));
      for (String hocon : extra) {
        responder.with(hocon);
      }
      responder.openWithBaseline();
      responder.close();
      config = responder.configFile();
      Instant now = Instant.now();
      for (int i = 0; i < BATCH; i++) {
        String client = responder.client("c" + i);
        senders.add(client);
        responder.deliver(IncomingMail.from(client, responder.owner()), now);
      }
    }

    ChildProcess start(String command) throws Exception {
      ChildProcess child =
          ChildProcess.start(
              config, home.resolve(command + "-" + children.size() + ".log"), command);
      children.add(child);
      return child;
    }

    void killAfter(ChildProcess child, int replies) throws Exception {
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(5))
          .until(() -> replies() >= replies || !child.isAlive());
      child.kill();
    }

    void runOnceToTheEnd() throws Exception {
      ChildProcess again = start("once");
      int exit = again.awaitExit(120);
      assertThat(exit).as(again.output() + h2Traces()).isZero();
    }

    /** What H2 traced of its errors (a lock's holder, say): every store's trace file, if any. */
    String h2Traces() throws IOException {
      StringBuilder traces = new StringBuilder();
      try (var files = Files.list(dir)) {
        for (Path trace : files.filter(f -> f.toString().endsWith(".trace.db")).toList()) {
          traces.append("\n").append(trace).append(":\n").append(Files.readString(trace));
        }
      }
      return traces.toString();
    }

    int replies() {
      return senders.stream().mapToInt(s -> server.inbox(s).size()).sum();
    }

    int answered() {
      return (int) senders.stream().filter(s -> !server.inbox(s).isEmpty()).count();
    }

    long holderPid(String url) throws Exception {
      try (Connection connection = postgres.getDatabase("postgres", "cluster").getConnection();
          Statement query = connection.createStatement();
          ResultSet row =
              query.executeQuery("SELECT pid FROM mailbox_lease WHERE mailbox = 'work'")) {
        return row.next() ? row.getLong(1) : 0;
      }
    }

    void assertAnsweredAtLeastOnceAndDoubledAtMost(int doubles, String what) {
      List<Integer> counts = senders.stream().map(s -> server.inbox(s).size()).toList();
      assertThat(counts).as(what + ": nobody unanswered").doesNotContain(0);
      assertThat(counts).as(what + ": nobody answered three times").allMatch(c -> c <= 2);
      assertThat(counts.stream().filter(c -> c == 2).count())
          .as(what + ": senders answered twice")
          .isLessThanOrEqualTo(doubles);
    }

    void assertNothingDoubledAndLostAtMost(int lost, String what) {
      List<Integer> counts = senders.stream().map(s -> server.inbox(s).size()).toList();
      assertThat(counts).as(what + ": nobody answered twice").allMatch(c -> c <= 1);
      assertThat(counts.stream().filter(c -> c == 0).count())
          .as(what + ": senders never answered")
          .isLessThanOrEqualTo(lost);
    }
  }
}
