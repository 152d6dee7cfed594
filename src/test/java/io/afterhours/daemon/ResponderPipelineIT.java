package io.afterhours.daemon;

import static io.afterhours.daemon.ResponderHarness.SATURDAY_NIGHT;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.store.StoredMessage;
import io.afterhours.pass.DecisionRecord;
import io.afterhours.pass.DecisionRecord.Outcome;
import jakarta.mail.Flags;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mail arrives after hours; one pass; what the client receives and what the owner's mailbox keeps.
 */
class ResponderPipelineIT {
  private static MailServer server;
  private ResponderHarness responder;

  @BeforeAll
  static void startServer() {
    server = MailServer.start();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @BeforeEach
  void openResponder(@TempDir Path dir) throws Exception {
    responder = new ResponderHarness(server, dir);
    responder.openWithBaseline();
  }

  @AfterEach
  void closeResponder() {
    responder.close();
  }

  @Test
  void aClientWritingOnSaturdayNightGetsOneAutoReplyToItsReturnPathWithTheRfc3834Headers()
      throws Exception {
    String from = responder.client("budi");
    String envelope = responder.client("budi.envelope");
    IncomingMail mail =
        IncomingMail.from("Budi Santoso <" + from + ">", responder.owner())
            .header("Return-Path", "<" + envelope + ">")
            .header("References", "<earlier@klien>")
            .subject("Revisi logo");

    responder.deliver(mail, SATURDAY_NIGHT);
    assertThat(responder.pass()).isTrue();

    assertThat(responder.repliesTo(from)).as("From loses to Return-Path").isEmpty();
    assertThat(responder.repliesTo(envelope)).hasSize(1);
    MimeMessage reply = responder.repliesTo(envelope).get(0);
    assertThat(reply.getHeader("Auto-Submitted", ",")).isEqualTo("auto-replied");
    assertThat(reply.getHeader("X-Auto-Response-Suppress", ",")).isEqualTo("All");
    assertThat(reply.getHeader("Precedence", ",")).isEqualTo("bulk");
    assertThat(reply.getHeader("In-Reply-To", ",")).isEqualTo(mail.messageId());
    assertThat(reply.getHeader("References", ","))
        .contains("<earlier@klien>")
        .contains(mail.messageId());
    assertThat(reply.getMessageID())
        .startsWith("<afterhours.")
        .endsWith("@" + responder.ownerDomain() + ">");
    assertThat(reply.getSentDate()).isNotNull();
    assertThat(reply.getHeader("Date", ",")).isNotBlank();
    assertThat(((InternetAddress) reply.getFrom()[0]).getAddress()).isEqualTo(responder.owner());
    assertThat(((InternetAddress) reply.getAllRecipients()[0]).getAddress()).isEqualTo(envelope);
    assertThat(reply.getSubject()).contains("Revisi logo");

    assertThat(reply.isMimeType("multipart/alternative")).isTrue();
    Multipart parts = (Multipart) reply.getContent();
    assertThat(parts.getCount()).isEqualTo(2);
    assertThat(parts.getBodyPart(0).isMimeType("text/plain")).isTrue();
    assertThat(parts.getBodyPart(0).getContentType()).containsIgnoringCase("charset=UTF-8");
    assertThat((String) parts.getBodyPart(0).getContent())
        .contains("Senin, 30 November 2026 pukul 08.00 WIB")
        .contains("akhir pekan");
    assertThat(parts.getBodyPart(1).isMimeType("text/html")).isTrue();
    assertThat((String) parts.getBodyPart(1).getContent())
        .contains("<html lang=\"id\">")
        .contains("Senin, 30 November 2026 pukul 08.00 WIB");

    DecisionRecord decision = responder.decisionsAbout(mail).get(0);
    assertThat(decision.decision()).isEqualTo(Outcome.REPLY);
    assertThat(decision.replyTo()).hasValue(envelope);
    assertThat(decision.replyMessageId()).hasValue(reply.getMessageID());
  }

  @Test
  void withoutReturnPathTheReplyGoesToTheSenderHeaderAndWithNeitherToFromWithItsName()
      throws Exception {
    String assistant = responder.client("asisten");
    String budi = responder.client("budi");
    String ani = responder.client("ani");
    responder.deliver(
        IncomingMail.from("Budi Santoso <" + budi + ">", responder.owner())
            .header("Sender", assistant),
        SATURDAY_NIGHT);
    responder.deliver(
        IncomingMail.from("Ani Wijaya <" + ani + ">", responder.owner()), SATURDAY_NIGHT);

    responder.pass();

    assertThat(responder.repliesTo(budi)).isEmpty();
    assertThat(responder.repliesTo(assistant)).hasSize(1);
    assertThat(responder.repliesTo(ani)).hasSize(1);
    InternetAddress to = (InternetAddress) responder.repliesTo(ani).get(0).getAllRecipients()[0];
    assertThat(to.getAddress()).isEqualTo(ani);
    assertThat(to.getPersonal()).isEqualTo("Ani Wijaya");
  }

  @Test
  void aSenderWhoWritesTwiceInOneClosedWindowGetsExactlyOneReply() throws Exception {
    String budi = responder.client("budi");
    IncomingMail first = IncomingMail.from(budi, responder.owner()).subject("Satu");
    IncomingMail second = IncomingMail.from(budi, responder.owner()).subject("Dua");

    responder.deliver(first, SATURDAY_NIGHT);
    responder.pass();
    responder.deliver(second, SATURDAY_NIGHT.plus(Duration.ofMinutes(5)));
    responder.pass();

    assertThat(responder.repliesTo(budi)).hasSize(1);
    assertThat(responder.decisionsAbout(first))
        .extracting(DecisionRecord::decision)
        .containsExactly(Outcome.REPLY);
    assertThat(responder.decisionsAbout(second))
        .extracting(DecisionRecord::decision, DecisionRecord::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Outcome.SKIP, "ALREADY_REPLIED_IN_WINDOW"));
  }

  @Test
  void twoMailsFromOneSenderInTheSamePassStillGetOneReply() throws Exception {
    String budi = responder.client("budi");
    responder.deliver(IncomingMail.from(budi, responder.owner()), SATURDAY_NIGHT);
    responder.deliver(
        IncomingMail.from(budi, responder.owner()), SATURDAY_NIGHT.plus(Duration.ofMinutes(1)));

    responder.pass();

    assertThat(responder.repliesTo(budi)).hasSize(1);
  }

  @Test
  void theOwnersMessagesNeverGetSeenOrAnsweredFlagsFromAPass() throws Exception {
    String budi = responder.client("budi");
    String ani = responder.client("ani");
    responder.deliver(IncomingMail.from(budi, responder.owner()), SATURDAY_NIGHT);
    responder.deliver(
        IncomingMail.from(ani, responder.owner()).header("Precedence", "bulk"), SATURDAY_NIGHT);

    responder.pass();
    responder.pass();

    assertThat(responder.repliesTo(budi)).hasSize(1);
    List<StoredMessage> inbox = responder.ownerMessages("INBOX");
    assertThat(inbox).hasSize(2);
    for (StoredMessage message : inbox) {
      assertThat(message.getFlags().contains(Flags.Flag.SEEN)).as("\\Seen").isFalse();
      assertThat(message.getFlags().contains(Flags.Flag.ANSWERED)).as("\\Answered").isFalse();
    }
  }

  @Test
  void aCopyOfTheReplyIsKeptInSentMarkedSeen() throws Exception {
    String budi = responder.client("budi");
    responder.deliver(IncomingMail.from(budi, responder.owner()), SATURDAY_NIGHT);

    responder.pass();

    MimeMessage reply = responder.repliesTo(budi).get(0);
    List<StoredMessage> sent = responder.ownerMessages("Sent");
    assertThat(sent).hasSize(1);
    assertThat(sent.get(0).getFlags().contains(Flags.Flag.SEEN)).isTrue();
    assertThat(sent.get(0).getMimeMessage().getMessageID()).isEqualTo(reply.getMessageID());
    assertThat(sent.get(0).getMimeMessage().getHeader("Auto-Submitted", ","))
        .isEqualTo("auto-replied");
  }
}
