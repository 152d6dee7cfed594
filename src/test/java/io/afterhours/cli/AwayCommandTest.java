package io.afterhours.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.afterhours.pass.DecisionRecord;
import io.afterhours.pass.DecisionRecord.Outcome;
import io.afterhours.store.Store;
import io.afterhours.store.StoreSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code away}, and how {@code schedule}, {@code preview} and {@code history} show its periods. */
class AwayCommandTest {
  @TempDir Path dir;
  private String config;

  @BeforeEach
  void writeConfig() throws Exception {
    Path file = dir.resolve("afterhours.conf");
    Files.writeString(
        file,
        """
        afterhours {
          zone = "Asia/Jakarta"
          language = "en"
          templates = "%s"
          mailboxes = [ { name = "work", address = "me@example.com",
            imap { host = "127.0.0.1", port = 1, security = none, password = "x" },
            smtp { host = "127.0.0.1", port = 1, security = none } } ]
          store.url = "jdbc:h2:file:%s"
        }
        """
            .formatted(Path.of("config/templates").toAbsolutePath(), dir.resolve("data/store")));
    config = file.toString();
  }

  @Test
  void aPeriodSetByTheCommandIsListedScheduledPreviewedAndEndedAndEveryChangeIsInTheHistory()
      throws Exception {
    Cli set =
        Cli.run(
            "--config",
            config,
            "away",
            "--from",
            "2026-11-27T12:00",
            "--until",
            "2026-12-01",
            "--note",
            "cuti");

    assertThat(set.exitCode).as(set.toString()).isZero();
    assertThat(set.out)
        .contains("Away period #1 kept in the store for every mailbox")
        .contains("2026-11-27T12:00:00+07:00 until 2026-12-02T00:00:00+07:00");

    JsonNode list =
        new ObjectMapper().readTree(Cli.run("--config", config, "away", "--list", "--json").out);
    assertThat(list).hasSize(1);
    assertThat(list.get(0).get("id").asLong()).isEqualTo(1);
    assertThat(list.get(0).get("source").asText()).isEqualTo("store");
    assertThat(list.get(0).get("mailbox").isNull()).isTrue();
    assertThat(list.get(0).get("state").asText()).isEqualTo("now");
    assertThat(list.get(0).get("setBy").asText()).isEqualTo("command");

    assertThat(Cli.run("--config", config, "schedule", "--days", "3").out)
        .contains("away: cuti (away switch #1)");
    assertThat(Cli.run("--config", config, "preview", "--from", "Budi <budi@example.org>").out)
        .contains("AWAY (away: cuti)")
        .contains("Template: away.en");

    Cli end = Cli.run("--config", config, "away", "--end");
    assertThat(end.out).contains("Ended away period #1 for every mailbox");
    assertThat(Cli.run("--config", config, "away", "--end").out)
        .contains("No away period kept in the store is in force now");
    assertThat(Cli.run("--config", config, "preview", "--from", "Budi <budi@example.org>").out)
        .doesNotContain("AWAY");

    assertThat(Cli.run("--config", config, "history").out)
        .contains("away switch: command ended #1")
        .contains("away switch: command set #1");
    JsonNode changes =
        new ObjectMapper().readTree(Cli.run("--config", config, "history", "--away", "--json").out);
    assertThat(changes).extracting(c -> c.get("action").asText()).containsExactly("ended", "set");
    assertThat(Cli.run("--config", config, "history", "--json").out.trim())
        .as("history --json stays an array of decisions")
        .isEqualTo("[]");
  }

  @Test
  void aTemplateThatDoesNotExistIsRefusedAndNothingIsKept() {
    Cli refused =
        Cli.run(
            "--config",
            config,
            "away",
            "--from",
            "2026-11-28",
            "--until",
            "2026-11-30",
            "--template",
            "holidays");

    assertThat(refused.exitCode).isEqualTo(2);
    assertThat(refused.err)
        .contains("refused, nothing changed: there is no template \"holidays\"")
        .contains("the templates there: after-hours, away, holiday, internal, open");
    assertThat(Cli.run("--config", config, "away", "--list").out)
        .contains("No away periods, in the store or the config file.");
  }

  @Test
  void aPeriodMayNameStandInsAndABadAddressIsRefused() throws Exception {
    Cli set =
        Cli.run(
            "--config",
            config,
            "away",
            "--from",
            "2026-11-27",
            "--until",
            "2026-12-01",
            "--forward-to",
            "rekan@example.com",
            "--forward-to",
            "sari@example.com, tono@example.com");

    assertThat(set.exitCode).as(set.toString()).isZero();
    assertThat(set.out)
        .contains("forwarded to rekan@example.com sari@example.com tono@example.com");
    JsonNode list =
        new ObjectMapper().readTree(Cli.run("--config", config, "away", "--list", "--json").out);
    assertThat(list.get(0).get("forwardTo"))
        .extracting(JsonNode::asText)
        .containsExactly("rekan@example.com", "sari@example.com", "tono@example.com");
    assertThat(Cli.run("--config", config, "away", "--list").out)
        .contains("→ rekan@example.com sari@example.com tono@example.com");

    Cli bad =
        Cli.run(
            "--config",
            config,
            "away",
            "--from",
            "2026-11-28",
            "--until",
            "2026-11-30",
            "--forward-to",
            "Rekan <rekan@example.com>");
    assertThat(bad.exitCode).isEqualTo(2);
    assertThat(bad.err)
        .contains("refused, nothing changed")
        .contains("is not an address like \"colleague@example.com\"");
  }

  @Test
  void badUsageIsRefusedWithExitTwo() {
    assertThat(Cli.run("--config", config, "away").exitCode).isEqualTo(2);
    assertThat(Cli.run("--config", config, "away", "--list", "--end").exitCode).isEqualTo(2);
    assertThat(Cli.run("--config", config, "away", "--from", "2026-11-28").exitCode).isEqualTo(2);
    Cli nobody = Cli.run("--config", config, "away", "--end", "--mailbox", "home");
    assertThat(nobody.exitCode).isEqualTo(2);
    assertThat(nobody.err).contains("no mailbox is called \"home\"");
    Cli over = Cli.run("--config", config, "away", "--from", "2026-11-01", "--until", "2026-11-02");
    assertThat(over.exitCode).isEqualTo(2);
    assertThat(over.err).contains("it is over already");
  }

  @Test
  void theTokenCommandPrintsTheSameTokenEveryTime() {
    Cli first = Cli.run("--config", config, "token");
    Cli second = Cli.run("--config", config, "token");

    assertThat(first.exitCode).isZero();
    assertThat(first.out.strip()).hasSizeGreaterThanOrEqualTo(40).isEqualTo(second.out.strip());
    assertThat(dir.resolve("data/store.token")).exists();
    assertThat(Cli.run("--config", config, "token", "--path").out.strip())
        .isEqualTo(dir.resolve("data/store.token").toString());
  }

  @Test
  void theSummaryGroupsASpansDecisionsBySender() throws Exception {
    Instant start = Instant.parse("2026-11-26T00:00:00Z");
    try (Store store =
        Store.open(
            StoreSettings.of("jdbc:h2:file:" + dir.resolve("data/store")), Clock.systemUTC())) {
      record(store, start.plusSeconds(60), "budi@example.org", Outcome.REPLY, "after-hours.en");
      record(
          store,
          start.plusSeconds(120),
          "budi@example.org",
          Outcome.SKIP,
          "ALREADY_REPLIED_IN_WINDOW");
      record(store, start.plusSeconds(180), "news@list.example", Outcome.SKIP, "LIST_MAIL");
    }

    Cli text =
        Cli.run("--config", config, "history", "--summary", "--since", "2026-11-26T00:00:00Z");
    JsonNode json =
        new ObjectMapper()
            .readTree(
                Cli.run(
                        "--config",
                        config,
                        "history",
                        "--summary",
                        "--since",
                        "2026-11-26",
                        "--until",
                        "2026-11-27",
                        "--json")
                    .out);

    assertThat(text.out)
        .contains("1 replied, 2 skipped, 0 failed, from 2 sender(s)")
        .contains("ALREADY_REPLIED_IN_WINDOW")
        .contains("×1");
    assertThat(json.get("replied").asInt()).isEqualTo(1);
    assertThat(json.get("skipped").asInt()).isEqualTo(2);
    assertThat(json.get("mailbox").isNull()).isTrue();
    JsonNode budi = json.get("senders").get(0);
    assertThat(budi.get("from").asText()).isEqualTo("budi@example.org");
    assertThat(budi.get("messages").asInt()).isEqualTo(2);
    assertThat(budi.get("first").asText()).isEqualTo("2026-11-26T07:01:00+07:00");
    assertThat(budi.get("last").asText()).isEqualTo("2026-11-26T07:02:00+07:00");
    assertThat(budi.get("reasons").get(0).get("reason").asText()).isEqualTo("after-hours.en");
    assertThat(Cli.run("--config", config, "history", "--summary").exitCode)
        .as("--summary needs --since")
        .isEqualTo(2);
  }

  private static void record(Store store, Instant at, String from, Outcome outcome, String reason) {
    store
        .decisions()
        .record(
            new DecisionRecord(
                at,
                "work",
                "INBOX",
                at.getEpochSecond(),
                "<" + at + ">",
                from,
                outcome,
                reason,
                "",
                Optional.empty(),
                Optional.empty()));
  }
}
