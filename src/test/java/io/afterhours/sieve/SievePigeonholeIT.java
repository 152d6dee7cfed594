package io.afterhours.sieve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated script on Dovecot's own Sieve engine: it compiles, and {@code sieve-test} shows a
 * vacation reply while the office is closed and none while it is open. Sieve's {@code currentdate}
 * reads the real clock (sieve-test cannot set it), so each test makes a config whose hours put the
 * real present at least three hours inside a closed, or an open, stretch.
 */
class SievePigeonholeIT {
  private static final ZoneId JAKARTA = ZoneId.of("Asia/Jakarta");
  private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");
  private static final String CLIENT = "Budi Santoso <budi@example.org>";

  @TempDir Path dir;
  private Pigeonhole pigeonhole;
  private Instant now;

  @BeforeEach
  void needsPigeonhole() {
    Optional<String> missing = Pigeonhole.missing();
    assumeTrue(missing.isEmpty(), () -> "skipped: " + missing.orElse(""));
    pigeonhole = Pigeonhole.inNewFolder();
    now = Instant.now();
  }

  /** Every day the same hours, {@code from}..{@code to} hours away from the present. */
  private Path configWithHoursAround(int from, int to, String extra) {
    return SieveConfigs.write(
        dir,
        "zone = \"Asia/Jakarta\", language = \"en\"\n"
            + SieveConfigs.hoursAround(now, JAKARTA, from, to)
            + extra);
  }

  private Path closedNow(String extra) {
    return configWithHoursAround(3, 5, extra);
  }

  private Path openNow() {
    return configWithHoursAround(-3, 3, "");
  }

  private Pigeonhole.Run deliver(Path config, String from, String subject, String... headers) {
    Path script = pigeonhole.write("afterhours.sieve", SieveConfigs.script(config, now));
    Path mail = pigeonhole.write("mail.eml", Pigeonhole.mail(from, subject, headers));
    String address = from.replaceAll(".*<([^>]+)>.*", "$1");
    Pigeonhole.Run run = pigeonhole.test(script, mail, address, "me@example.com", Optional.empty());
    assertThat(run.output()).as(run.output()).contains("final result: success");
    return run;
  }

  @Test
  void theSampleConfigsScriptCompilesWithSievec() throws Exception {
    String text = SieveConfigs.script(SieveConfigs.SAMPLE, now);
    Path script = pigeonhole.write("sample.sieve", text);

    Pigeonhole.Run compiled = pigeonhole.compile(script);

    assertThat(compiled.exitCode()).as(compiled.output()).isZero();
    System.out.printf(
        "sample config: %d bytes of Sieve, %d windows, sievec %d ms%n",
        Files.size(script),
        text.lines().filter(l -> l.contains("set \"ah_k\"")).count(),
        compiled.elapsed().toMillis());
  }

  @Test
  void mailWhileTheOfficeIsClosedGetsTheVacationReplyWithTheNextOpening() {
    Pigeonhole.Run run = deliver(closedNow(""), CLIENT, "Quote please");

    LocalTime opening = now.atZone(JAKARTA).toLocalTime().plusHours(3);
    assertThat(run.output())
        .contains("send vacation message")
        .contains("subject : Auto-reply: Quote please")
        .contains("Dear Budi Santoso,")
        .contains("Our office is closed at the moment (outside working hours)")
        .contains(", " + HH_MM.format(opening) + " WIB")
        .contains("=> from    : \"Studio\" <me@example.com>");
  }

  @Test
  void mailWhileTheOfficeIsOpenGetsNoReply() {
    Pigeonhole.Run run = deliver(openNow(), CLIENT, "Quote please");

    assertThat(run.output()).doesNotContain("vacation").contains("store message in folder: INBOX");
  }

  @Test
  void listMailBulkMailAndAutoRepliesGetNoReplyEvenWhenClosed() {
    Path config = closedNow("");

    assertThat(deliver(config, CLIENT, "Digest", "List-Id: <design.example.org>").output())
        .doesNotContain("vacation");
    assertThat(
            deliver(config, CLIENT, "Offers", "List-Unsubscribe: <mailto:u@example.org>").output())
        .doesNotContain("vacation");
    assertThat(deliver(config, CLIENT, "Old", "X-Autoreply: yes").output())
        .doesNotContain("vacation");
    assertThat(deliver(config, CLIENT, "News", "Precedence: bulk").output())
        .doesNotContain("vacation");
    assertThat(deliver(config, CLIENT, "OOO", "Auto-Submitted: auto-replied").output())
        .doesNotContain("vacation");
    assertThat(deliver(config, CLIENT, "Quiet", "X-Auto-Response-Suppress: OOF").output())
        .doesNotContain("vacation");
    assertThat(deliver(config, CLIENT, "Spam", "X-Spam-Flag: YES").output())
        .doesNotContain("vacation");
    assertThat(deliver(config, "Robot <no-reply@example.org>", "Receipt").output())
        .doesNotContain("vacation");
    assertThat(deliver(config, CLIENT, "Fine", "Auto-Submitted: no").output())
        .contains("send vacation message");
  }

  @Test
  void theSendersDomainChoosesTheLanguage() {
    Path config = closedNow("reply.languages.by-domain { \"*.id\" = \"id\" }\n");

    assertThat(deliver(config, "Sari <sari@contoh.co.id>", "Penawaran").output())
        .contains("subject : Balasan otomatis: Penawaran")
        .contains("Yth. Sari,");
    assertThat(deliver(config, "ann@example.org", "Offer").output())
        .contains("subject : Auto-reply: Offer")
        .contains("Dear Sir or Madam,");
  }

  @Test
  void aCopyOfTheOwnersScriptWithOursAppendedKeepsTheirFilingAndAddsTheReply() {
    String theirs =
        "require [\"fileinto\"];\n"
            + "if header :contains \"subject\" \"Projekt\" { fileinto \"Projects\"; }\n";
    MailboxFixture fixture = new MailboxFixture(closedNow(""), now);
    String merged =
        MainScript.merged(
            "work", "roundcube", theirs, fixture.script().text(), fixture.script().requireLine());
    Path script = pigeonhole.write("afterhours-main.sieve", merged);
    Path mail = pigeonhole.write("mail.eml", Pigeonhole.mail(CLIENT, "Projekt Alpha"));

    assertThat(pigeonhole.compile(script).exitCode()).isZero();
    Pigeonhole.Run run =
        pigeonhole.test(script, mail, "budi@example.org", "me@example.com", Optional.empty());

    assertThat(run.output())
        .contains("store message in folder: Projects")
        .contains("send vacation message");
  }

  @Test
  void withIncludeTheOwnersScriptRunsFirstAndItsStopMeansNoReply() {
    MailboxFixture fixture = new MailboxFixture(closedNow(""), now);
    pigeonhole.write(
        "store/roundcube.sieve",
        "require [\"fileinto\"];\n"
            + "if header :contains \"subject\" \"Projekt\" { fileinto \"Projects\"; stop; }\n");
    pigeonhole.write("store/afterhours.sieve", fixture.script().text());
    Path main =
        pigeonhole.write("store/afterhours-main.sieve", MainScript.including("work", "roundcube"));
    Path store = pigeonhole.folder().resolve("store");

    Pigeonhole.Run project =
        pigeonhole.test(
            main,
            pigeonhole.write("p.eml", Pigeonhole.mail(CLIENT, "Projekt Alpha")),
            "budi@example.org",
            "me@example.com",
            Optional.of(store));
    Pigeonhole.Run other =
        pigeonhole.test(
            main,
            pigeonhole.write("o.eml", Pigeonhole.mail(CLIENT, "Invoice")),
            "budi@example.org",
            "me@example.com",
            Optional.of(store));

    assertThat(project.output())
        .as(project.output())
        .contains("store message in folder: Projects")
        .doesNotContain("vacation");
    assertThat(other.output())
        .as(other.output())
        .contains("send vacation message")
        .contains("store message in folder: INBOX");
  }

  /** The generated script of a config, as a server without vacation-seconds gets it. */
  private record MailboxFixture(Path config, Instant now) {
    SieveGenerator.GeneratedScript script() {
      var mailbox = SieveConfigs.mailbox(config, now);
      return new SieveGenerator(mailbox, SieveConfigs.templates(mailbox), "afterhours IT", "x")
          .generate(now);
    }
  }
}
