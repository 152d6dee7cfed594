package io.afterhours.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.afterhours.store.Store;
import io.afterhours.store.StoreSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreviewCommandTest {
  private static final String CONFIG = "config/afterhours.conf";

  @TempDir Path dir;

  private static JsonNode json(Cli cli) throws Exception {
    assertThat(cli.exitCode).as(cli.toString()).isZero();
    return new ObjectMapper().readTree(cli.out);
  }

  @Test
  void aSaturdayNightMailGetsTheIndonesianReplyWithMondaysOpening() throws Exception {
    JsonNode json =
        json(
            Cli.run(
                "--config",
                CONFIG,
                "preview",
                "--at",
                "2026-11-28T21:00",
                "--from",
                "Budi <budi@example.org>",
                "--subject",
                "Revisi logo",
                "--json"));

    assertThat(json.get("decision").asText()).isEqualTo("reply");
    assertThat(json.get("nextOpening").asText()).isEqualTo("2026-11-30T08:00:00+07:00");
    assertThat(json.get("respondBy").asText()).isEqualTo("2026-11-30T12:00:00+07:00");
    assertThat(json.get("language").asText()).isEqualTo("id");
    assertThat(json.get("template").asText()).isEqualTo("after-hours");
    assertThat(json.get("to").asText()).isEqualTo("Budi <budi@example.org>");
    assertThat(json.get("subject").asText()).contains("Revisi logo");
    assertThat(json.get("text").asText())
        .contains("Yth. Budi")
        .contains("Senin, 30 November 2026 pukul 08.00 WIB")
        .contains("akhir pekan");
    assertThat(json.get("html").asText()).contains("<html");
  }

  /** The sample office, one mailbox that answers only its correspondents, a store in dir. */
  private Path correspondentsOnly() throws Exception {
    Path config = dir.resolve("afterhours.conf");
    Files.writeString(
        config,
        """
        include file("%s")
        afterhours {
          mailboxes = [ { name = "work", address = "me@example.com",
            reply { only-to = correspondents, correspondents = ["*@client.example"] },
            imap { host = "127.0.0.1", security = none }, smtp { host = "127.0.0.1", security = none } } ]
          templates = "%s"
          store.url = "jdbc:h2:file:%s"
        }
        """
            .formatted(
                Path.of(CONFIG).toAbsolutePath(),
                Path.of("config/templates").toAbsolutePath(),
                dir.resolve("data/afterhours")));
    return config;
  }

  private static Cli previewFrom(Path config, String from) {
    return Cli.run(
        "--config",
        config.toString(),
        "preview",
        "--at",
        "2026-11-28T21:00",
        "--from",
        from,
        "--json");
  }

  @Test
  void onlyToCorrespondentsWithoutAStoreCountsThePatternsAndSaysSo() throws Exception {
    Path config = correspondentsOnly();

    Cli stranger = previewFrom(config, "budi@example.org");
    Cli client = previewFrom(config, "anna@client.example");

    assertThat(json(stranger).get("reason").asText())
        .startsWith("UNKNOWN_SENDER: sender budi@example.org never had mail from this mailbox");
    assertThat(stranger.err)
        .contains("preview: no store at")
        .contains("only reply.correspondents patterns count");
    assertThat(json(client).get("decision").asText()).isEqualTo("reply");
    assertThat(dir.resolve("data")).as("preview made no store").doesNotExist();
  }

  @Test
  void onlyToCorrespondentsAsksTheStoreWhomTheDaemonHasLearned() throws Exception {
    Path config = correspondentsOnly();
    try (Store store =
        Store.open(StoreSettings.of("jdbc:h2:file:" + dir.resolve("data/afterhours")))) {
      store.correspondents().learn("work", "Sent", 1, 1, Map.of("budi@example.org", Instant.EPOCH));
    }

    Cli known = previewFrom(config, "Budi <Budi@Example.org>");
    Cli stranger = previewFrom(config, "citra@example.org");

    assertThat(json(known).get("decision").asText()).isEqualTo("reply");
    assertThat(known.err).isEmpty();
    assertThat(json(stranger).get("reason").asText()).startsWith("UNKNOWN_SENDER");
  }

  @Test
  void withoutAtTheArrivalIsNowToTheSecond() throws Exception {
    Clock saturdayNight =
        Clock.fixed(Instant.parse("2026-11-28T14:00:07.123456789Z"), ZoneOffset.UTC);
    JsonNode json =
        json(
            Cli.run(
                saturdayNight,
                Map.of(),
                "--config",
                CONFIG,
                "preview",
                "--from",
                "budi@example.org",
                "--json"));

    assertThat(json.get("arrival").asText()).isEqualTo("2026-11-28T21:00:07+07:00");
    assertThat(json.get("respondBy").asText()).isEqualTo("2026-11-30T12:00:00+07:00");
  }

  @Test
  void withoutJsonItPrintsTheRenderedReply() {
    Cli cli =
        Cli.run(
            "--config",
            CONFIG,
            "preview",
            "--at",
            "2026-11-28T21:00",
            "--from",
            "Budi <budi@example.org>",
            "--subject",
            "Revisi logo");

    assertThat(cli.exitCode).as(cli.toString()).isZero();
    assertThat(cli.out)
        .contains("Decision: reply")
        .contains("Subject:  Balasan otomatis: Revisi logo")
        .contains("Terima kasih atas email Anda");
  }

  @Test
  void aMailingListMessageIsSkippedWithTheReason() throws Exception {
    JsonNode json =
        json(
            Cli.run(
                "--config",
                CONFIG,
                "preview",
                "--at",
                "2026-11-28T21:00",
                "--from",
                "dev@lists.example.org",
                "--subject",
                "Digest",
                "--header",
                "List-Id: <dev.lists.example.org>",
                "--json"));

    assertThat(json.get("decision").asText()).isEqualTo("skip");
    assertThat(json.get("reason").asText()).startsWith("LIST_MAIL");
    assertThat(json.get("text").isNull()).isTrue();
  }

  @Test
  void mailDuringOfficeHoursIsLeftForTheOwner() throws Exception {
    JsonNode json =
        json(
            Cli.run(
                "--config",
                CONFIG,
                "preview",
                "--at",
                "2026-11-30T09:30",
                "--from",
                "budi@example.org",
                "--json"));

    assertThat(json.get("decision").asText()).isEqualTo("skip");
    assertThat(json.get("reason").asText()).startsWith("OPEN_AT_ARRIVAL");
  }

  @Test
  void aPublicHolidayGetsTheHolidayTemplateAndItsName() throws Exception {
    JsonNode json =
        json(
            Cli.run(
                "--config",
                CONFIG,
                "preview",
                "--at",
                "2026-12-25T10:00",
                "--from",
                "budi@example.org",
                "--subject",
                "Salam",
                "--json"));

    assertThat(json.get("template").asText()).isEqualTo("holiday");
    assertThat(json.get("text").asText()).contains("Hari Raya Natal");
    assertThat(json.get("nextOpening").asText()).isEqualTo("2026-12-28T08:00:00+07:00");
  }

  @Test
  void readsTheHeadersOfASavedMessage() throws Exception {
    Path eml = dir.resolve("auto.eml");
    Files.writeString(
        eml,
        "From: Robot <robot@example.org>\r\nTo: me@example.com\r\nSubject: Out of office\r\n"
            + "Auto-Submitted: auto-replied\r\nMessage-ID: <x1@example.org>\r\n\r\nAway.\r\n");

    JsonNode json =
        json(
            Cli.run(
                "--config",
                CONFIG,
                "preview",
                "--message",
                eml.toString(),
                "--at",
                "2026-11-28T21:00",
                "--json"));

    assertThat(json.get("decision").asText()).isEqualTo("skip");
    assertThat(json.get("reason").asText()).startsWith("AUTO_SUBMITTED");
  }

  @Test
  void aFileThatIsNotAMailIsRefusedWithExit2AndItsName() throws Exception {
    Path passwd =
        Files.writeString(
            dir.resolve("passwd"),
            "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n");
    Path binary =
        Files.write(dir.resolve("logo.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1});
    Path notes = Files.writeString(dir.resolve("notes.txt"), "Meeting notes\nSubject: budget\n");

    for (Path file : new Path[] {passwd, binary, notes, dir.resolve("missing.eml"), dir}) {
      Cli cli = Cli.run("--config", CONFIG, "preview", "--message", file.toString());

      assertThat(cli.exitCode).as(cli.toString()).isEqualTo(2);
      assertThat(cli.err).startsWith("preview --message " + file + ": ");
      assertThat(cli.out).isEmpty();
    }
    assertThat(Cli.run("--config", CONFIG, "preview", "--message", passwd.toString()).err)
        .contains("is not a mail message: its header block has none of From, To, Subject");
    assertThat(Cli.run("--config", CONFIG, "preview", "--message", binary.toString()).err)
        .contains("is not a mail message: it holds binary data");
    assertThat(Cli.run("--config", CONFIG, "preview", "--message", notes.toString()).err)
        .contains("line 1 is not a header field");
    assertThat(
            Cli.run("--config", CONFIG, "preview", "--message", dir.resolve("none").toString()).err)
        .contains("no such file");
  }

  @Test
  void aSavedMessageMayStartWithAnMboxFromLineAndFoldedFields() throws Exception {
    Path eml =
        Files.writeString(
            dir.resolve("saved.mbox"),
            "From budi@example.org Sat Nov 28 21:00:00 2026\n"
                + "Received: from mx.example.org\n\tby mail.example.com; Sat, 28 Nov 2026\n"
                + "From: Budi <budi@example.org>\nTo: me@example.com\nSubject: Revisi\n\nHai\n");

    Cli cli =
        Cli.run(
            "--config", CONFIG, "preview", "--message", eml.toString(), "--at", "2026-11-28T21:00");

    assertThat(cli.exitCode).as(cli.toString()).isZero();
    assertThat(cli.out).contains("Decision: reply");
  }

  @Test
  void aMalformedHeaderOptionIsAUsageError() {
    Cli cli = Cli.run("--config", CONFIG, "preview", "--header", "no colon here");

    assertThat(cli.exitCode).isEqualTo(2);
    assertThat(cli.err).contains("no colon here");
  }
}
