package io.afterhours.daemon;

import static io.afterhours.daemon.ResponderHarness.SATURDAY_NIGHT;
import static org.assertj.core.api.Assertions.assertThat;

import io.afterhours.schedule.AwayPeriod;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stand-in while away (away periods' {@code forward-to}): each client mail that gets a reply is
 * also redirected to the stand-in, once, the original intact under Resent-* fields; mail the policy
 * skips never is.
 */
class StandInIT {
  private static MailServer server;
  private ResponderHarness responder;
  private String standIn;

  @BeforeAll
  static void startServer() {
    server = MailServer.start();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @BeforeEach
  void newResponder(@TempDir Path dir) {
    responder = new ResponderHarness(server, dir);
    standIn = responder.client("rekan");
  }

  private void awayInTheConfigFile() {
    responder.with(
        "away = [ { from = \"2026-11-28\", until = \"2026-11-29\", note = \"cuti\","
            + " forward-to = [\""
            + standIn
            + "\"] } ]");
  }

  @AfterEach
  void closeResponder() {
    responder.close();
  }

  @Test
  void eachRepliedMailReachesTheStandInOnceAndSkippedMailNever() throws Exception {
    awayInTheConfigFile();
    String budi = responder.client("budi");
    String ani = responder.client("ani");
    IncomingMail question =
        IncomingMail.from("Budi <" + budi + ">", responder.owner()).subject("Revisi logo");
    IncomingMail another = IncomingMail.from(ani, responder.owner()).subject("Jadwal");
    IncomingMail digest =
        IncomingMail.from(ani, responder.owner()).header("List-Id", "<news.klien>");
    responder.openWithBaseline();
    responder.deliver(question, SATURDAY_NIGHT);
    responder.deliver(another, SATURDAY_NIGHT.plus(Duration.ofMinutes(1)));
    responder.deliver(digest, SATURDAY_NIGHT.plus(Duration.ofMinutes(2)));

    assertThat(responder.pass()).isTrue();
    assertThat(responder.pass()).isTrue(); // nothing more on a second pass

    assertThat(responder.repliesTo(budi)).hasSize(1);
    List<MimeMessage> forwarded = responder.repliesTo(standIn);
    assertThat(forwarded)
        .extracting(MimeMessage::getMessageID)
        .containsExactlyInAnyOrder(question.messageId(), another.messageId());
    MimeMessage first =
        forwarded.stream()
            .filter(m -> question.messageId().equals(messageId(m)))
            .findFirst()
            .orElseThrow();
    assertThat(first.getSubject()).isEqualTo("Revisi logo");
    assertThat(first.getHeader("From", null)).contains(budi);
    assertThat(first.getHeader("Resent-From", null)).contains(responder.owner());
    assertThat(first.getHeader("Resent-To", null)).contains(standIn);
    assertThat(first.getHeader("Resent-Message-ID", null)).startsWith("<afterhours.");
    assertThat(first.getHeader("Resent-Date", null)).isNotBlank();
    assertThat(((String) first.getContent()).strip())
        .isEqualTo("Halo, mohon dibalas. Terima kasih.");
    assertThat(responder.ownerMessages("Sent"))
        .as("two replies and two forwards copied to Sent")
        .hasSize(4);
  }

  @Test
  void anAwayPeriodSetWithTheAwaySwitchHasItsStandInToo() throws Exception {
    String budi = responder.client("budi");
    IncomingMail question =
        IncomingMail.from("Budi <" + budi + ">", responder.owner()).subject("Revisi logo");
    responder.openWithBaseline();
    responder
        .store()
        .awayPeriods()
        .set(
            Optional.empty(),
            new AwayPeriod(
                SATURDAY_NIGHT.minus(Duration.ofHours(1)),
                SATURDAY_NIGHT.plus(Duration.ofDays(1)),
                "away",
                "cuti",
                List.of(standIn)),
            "command",
            SATURDAY_NIGHT.minus(Duration.ofHours(2)));
    responder.deliver(question, SATURDAY_NIGHT);

    assertThat(responder.pass()).isTrue();

    assertThat(responder.repliesTo(budi)).hasSize(1);
    assertThat(responder.repliesTo(standIn))
        .extracting(MimeMessage::getMessageID)
        .containsExactly(question.messageId());
  }

  private static String messageId(MimeMessage message) {
    try {
      return message.getMessageID();
    } catch (Exception e) {
      return "";
    }
  }
}
