package io.afterhours.daemon;

import static io.afterhours.daemon.ResponderHarness.SATURDAY_NIGHT;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.afterhours.pass.DecisionRecord;
import io.afterhours.pass.DecisionRecord.Outcome;
import io.afterhours.policy.SkipReason;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.net.IDN;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Mail written in raw UTF-8 (RFC 6532) from an internationalized domain, and From fields that name
 * a third party, through the whole pipeline: IMAP, policy, SMTP, the log and the history.
 */
class InternationalMailIT {
  private static MailServer server;
  private ResponderHarness responder;
  private ListAppender<ILoggingEvent> passLog;

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
    passLog = new ListAppender<>();
    passLog.start();
    ((Logger) LoggerFactory.getLogger(FolderPass.class)).addAppender(passLog);
  }

  @AfterEach
  void closeResponder() {
    ((Logger) LoggerFactory.getLogger(FolderPass.class)).detachAppender(passLog);
    responder.close();
  }

  private String raw(String from, String subject) {
    return "Message-ID: <intl."
        + System.nanoTime()
        + "@klien>\r\n"
        + "Date: Sat, 28 Nov 2026 21:00:00 +0700\r\n"
        + "From: "
        + from
        + "\r\n"
        + "To: "
        + responder.owner()
        + "\r\n"
        + "Subject: "
        + subject
        + "\r\n"
        + "MIME-Version: 1.0\r\n"
        + "Content-Type: text/plain; charset=UTF-8\r\n"
        + "\r\n"
        + "Halo — mohon dibalas.\r\n";
  }

  @Test
  void aRawUtf8MessageFromAnInternationalizedDomainIsAnsweredAtItsALabelWithItsSubjectIntact()
      throws Exception {
    String sender = "u1@bücher." + responder.ownerDomain();
    String aLabel = "u1@" + IDN.toASCII("bücher." + responder.ownerDomain());
    server.user(aLabel);
    responder.deliverRaw(
        raw("Dörte Müller <" + sender + ">", "Jadwal rapat — minggu depan"), SATURDAY_NIGHT);

    assertThat(responder.pass()).isTrue();

    assertThat(responder.repliesTo(aLabel)).hasSize(1);
    MimeMessage reply = responder.repliesTo(aLabel).get(0);
    String subject = reply.getHeader("Subject", null);
    assertThat(subject.chars().allMatch(c -> c < 0x80)).as("an RFC 2047 subject").isTrue();
    assertThat(MimeUtility.decodeText(MimeUtility.unfold(subject)))
        .isEqualTo("Balasan otomatis: Jadwal rapat — minggu depan");
    InternetAddress to = (InternetAddress) reply.getRecipients(MimeMessage.RecipientType.TO)[0];
    assertThat(to.getAddress()).isEqualTo(aLabel);
    assertThat(to.getPersonal()).isEqualTo("Dörte Müller");
    assertThat((String) ((jakarta.mail.Multipart) reply.getContent()).getBodyPart(0).getContent())
        .contains("Dörte Müller");

    DecisionRecord decision = responder.history().get(0);
    assertThat(decision.decision()).isEqualTo(Outcome.REPLY);
    assertThat(decision.from()).isEqualTo(sender);
    assertThat(decision.replyTo()).hasValue(sender);
    assertThat(passLog.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .anySatisfy(line -> assertThat(line).contains("from=" + sender, "decision=reply"));
  }

  @Test
  void anAddressInsideTheDisplayNameIsNeverAnsweredAndTheSkipShowsTheField() throws Exception {
    String thirdParty = responder.client("client7");
    responder.deliverRaw(raw("\"" + thirdParty + "\" <broken", "Tolong"), SATURDAY_NIGHT);

    assertThat(responder.pass()).isTrue();

    assertThat(responder.repliesTo(thirdParty)).isEmpty();
    DecisionRecord decision = responder.history().get(0);
    assertThat(decision.decision()).isEqualTo(Outcome.SKIP);
    assertThat(decision.reason()).isEqualTo(SkipReason.NO_SENDER.code());
    assertThat(decision.from()).isEmpty();
    assertThat(decision.detail())
        .isEqualTo(
            "no valid address in From: \""
                + thirdParty
                + "\" <broken (not an address: Missing '>')");
  }

  /** An RFC 2047 Q-encoded word as allowed in a phrase (§5 (3)): every other character as =XX. */
  private static String qWord(String text) {
    StringBuilder word = new StringBuilder("=?UTF-8?Q?");
    for (byte b : text.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xFF);
      if (Character.isLetterOrDigit(c) && c < 0x80) {
        word.append(c);
      } else if (c == ' ') {
        word.append('_');
      } else {
        word.append('=').append(String.format("%02X", (int) c));
      }
    }
    return word.append("?=").toString();
  }

  @Test
  void anEncodedWordCannotSmuggleAnAddressOrAHeaderIntoTheReply() throws Exception {
    String thirdParty = responder.client("client6");
    String real = responder.client("real");
    // A display name that decodes to "client6@… CR LF Bcc: client6@…" (RFC 2047 Q encoding).
    String trick = qWord(thirdParty + "\r\nBcc: " + thirdParty);
    responder.deliverRaw(raw(trick + " <" + real + ">", "Hai"), SATURDAY_NIGHT);

    assertThat(responder.pass()).isTrue();

    assertThat(responder.repliesTo(thirdParty)).isEmpty();
    assertThat(responder.repliesTo(real)).hasSize(1);
    MimeMessage reply = responder.repliesTo(real).get(0);
    assertThat(reply.getHeader("Bcc")).isNull();
    assertThat(reply.getAllRecipients()).hasSize(1);
    assertThat(((InternetAddress) reply.getAllRecipients()[0]).getPersonal())
        .isEqualTo(thirdParty + " Bcc: " + thirdParty);
  }
}
