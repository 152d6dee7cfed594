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
}
