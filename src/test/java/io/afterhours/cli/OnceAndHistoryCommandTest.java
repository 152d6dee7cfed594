package io.afterhours.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.afterhours.daemon.Mailboxes;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class OnceAndHistoryCommandTest {
  @TempDir Path dir;

  /** A loopback port with nobody listening: taken from the OS, then released. */
  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private Path config(int port) throws IOException {
    Path file = dir.resolve("afterhours.conf");
    Files.writeString(
        file,
        """
        afterhours {
          templates = "%s"
          mailboxes = [ { name = "work", address = "me@example.com",
            imap { host = "127.0.0.1", port = %d, security = none, password = "x" },
            smtp { host = "127.0.0.1", port = %d, security = none } } ]
          store.url = "jdbc:h2:file:%s"
        }
        """
            .formatted(
                Path.of("config/templates").toAbsolutePath(), port, port, dir.resolve("store")));
    return file;
  }

  @Test
  void onceExits1WhenAMailboxCannotBeReachedAndLogsWhatToDo() throws Exception {
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    Logger mailboxes = (Logger) LoggerFactory.getLogger(Mailboxes.class);
    mailboxes.addAppender(log);
    int port = closedPort();
    try {
      Cli cli = Cli.run("--config", config(port).toString(), "once");

      assertThat(cli.exitCode).as(cli.toString()).isEqualTo(1);
    } finally {
      mailboxes.detachAppender(log);
    }
    assertThat(log.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .contains(
            "mailbox=work pass failed: mailbox work: IMAP server 127.0.0.1:"
                + port
                + ": nothing accepts connections on port "
                + port
                + " (connection refused): check host and port; IMAP is usually on 993 with"
                + " security = tls, or 143 with starttls");
  }

  @Test
  void historyOfAFreshStoreSaysSoAndJsonIsAnEmptyArray() throws Exception {
    Path config = config(closedPort());

    assertThat(Cli.run("--config", config.toString(), "history").out)
        .contains("No decisions recorded yet.");
    assertThat(Cli.run("--config", config.toString(), "history", "--json").out.trim())
        .isEqualTo("[]");
  }

  @Test
  void runWithoutMailboxesIsAConfigurationError() throws Exception {
    Path file = dir.resolve("empty.conf");
    Files.writeString(file, "afterhours { }\n");

    Cli cli = Cli.run("--config", file.toString(), "run");

    assertThat(cli.exitCode).isEqualTo(2);
    assertThat(cli.err).contains("mailboxes: none configured");
  }

  @Test
  void historyPrintsRecordedDecisionsNewestFirstAsTextAndJson() throws Exception {
    Path config = config(closedPort());
    var settings = new io.afterhours.config.SettingsLoader(Cli.FRIDAY_AFTERNOON).load(config);
    java.time.Instant at = java.time.Instant.parse("2026-11-28T14:00:00Z");
    try (var store = io.afterhours.store.Store.open(settings.store())) {
      store
          .decisions()
          .record(
              new io.afterhours.pass.DecisionRecord(
                  at,
                  "work",
                  "INBOX",
                  7,
                  "<a@x>",
                  "news@lists.example",
                  io.afterhours.pass.DecisionRecord.Outcome.SKIP,
                  "LIST_MAIL",
                  "List-Id: <news.example>",
                  java.util.Optional.empty(),
                  java.util.Optional.empty()));
      store
          .decisions()
          .record(
              new io.afterhours.pass.DecisionRecord(
                  // The store may keep fractions of a second; the JSON never shows them.
                  at.plusSeconds(60).plusMillis(250),
                  "work",
                  "INBOX",
                  8,
                  "<b@x>",
                  "budi@example.org",
                  io.afterhours.pass.DecisionRecord.Outcome.REPLY,
                  "after-hours.id",
                  "",
                  java.util.Optional.of("budi@example.org"),
                  java.util.Optional.of("<afterhours.1@example.com>")));
    }

    Cli json = Cli.run("--config", config.toString(), "history", "--json");
    var items = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.out);
    assertThat(items).hasSize(2);
    assertThat(items.get(0).get("decision").asText()).isEqualTo("reply");
    assertThat(items.get(0).get("replyMessageId").asText()).isEqualTo("<afterhours.1@example.com>");
    assertThat(items.get(0).get("at").asText()).isEqualTo("2026-11-28T14:01:00Z");
    assertThat(items.get(1).get("reason").asText()).isEqualTo("LIST_MAIL");
    assertThat(items.get(1).get("detail").asText()).isEqualTo("List-Id: <news.example>");
    assertThat(items.get(1).get("replyTo").isNull()).isTrue();
    assertThat(items.get(1).get("retried").asBoolean()).isFalse();

    Cli text = Cli.run("--config", config.toString(), "history", "--limit", "1");
    assertThat(text.out)
        .contains("reply")
        .contains("→ budi@example.org")
        .doesNotContain("LIST_MAIL");
  }
}
