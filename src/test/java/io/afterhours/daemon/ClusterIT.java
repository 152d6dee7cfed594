package io.afterhours.daemon;

import static io.afterhours.daemon.ResponderHarness.SATURDAY_NIGHT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes on one PostgreSQL store (DESIGN §7): a mailbox is passed over by the node that holds
 * its lease and by no other, one reply goes out, and the survivor takes the mailbox over when the
 * holder stops. (A node killed mid-batch is in {@code CrashIT}.)
 */
class ClusterIT {
  private MailServer server;
  private EmbeddedPostgres postgres;
  private ResponderHarness responder;
  private QuartzDaemon nodeA;
  private QuartzDaemon nodeB;

  @BeforeEach
  void start(@TempDir Path dir) throws Exception {
    server = MailServer.start();
    postgres = EmbeddedPostgres.start();
    try (Connection admin = postgres.getPostgresDatabase().getConnection();
        Statement create = admin.createStatement()) {
      create.execute("CREATE DATABASE cluster");
    }
    String url = postgres.getJdbcUrl("postgres", "cluster");
    responder =
        new ResponderHarness(server, dir)
            .pollingEvery("1s")
            .withStore(
                "url = \"%s\", user = \"postgres\", password = \"unused\""
                    .formatted(ResponderHarness.hocon(url)));
    responder.openWithBaseline();
    responder.close();
  }

  @AfterEach
  void stopAll() throws Exception {
    for (QuartzDaemon node : new QuartzDaemon[] {nodeA, nodeB}) {
      if (node != null) {
        node.stop();
      }
    }
    postgres.close();
    server.close();
  }

  private QuartzDaemon node() throws Exception {
    QuartzDaemon node =
        new QuartzDaemon(
            Mailboxes.open(responder.settings(), responder.clock(), false, "run"),
            responder.settings().pollInterval(),
            false,
            true,
            responder.clock());
    node.start();
    return node;
  }

  @Test
  void onlyTheNodeHoldingAMailboxPassesOverItAndOneReplyGoesOut() throws Exception {
    nodeA = node();
    nodeB = node();
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> nodeA.heldMailboxes().size() + nodeB.heldMailboxes().size() == 1);

    String budi = responder.client("budi");
    responder.deliver(IncomingMail.from("Budi <" + budi + ">", responder.owner()), SATURDAY_NIGHT);
    await().atMost(Duration.ofSeconds(15)).until(() -> responder.repliesTo(budi).size() == 1);
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                responder.repliesTo(budi).size() == 1
                    && nodeA.heldMailboxes().size() + nodeB.heldMailboxes().size() == 1);
  }

  @Test
  void theSurvivorTakesTheMailboxOverWhenItsHolderStops() throws Exception {
    nodeA = node();
    await().atMost(Duration.ofSeconds(15)).until(() -> nodeA.heldMailboxes().size() == 1);
    nodeB = node();

    nodeA.stop();
    nodeA = null;
    String ani = responder.client("ani");
    responder.deliver(IncomingMail.from("Ani <" + ani + ">", responder.owner()), SATURDAY_NIGHT);

    // A stopped node gives its leases back: the survivor's next round (2 s) takes them.
    await().atMost(Duration.ofSeconds(15)).until(() -> responder.repliesTo(ani).size() == 1);
    assertThat(nodeB.heldMailboxes()).containsExactly(ResponderHarness.MAILBOX);
  }
}
