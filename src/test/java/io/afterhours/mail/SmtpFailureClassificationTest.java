package io.afterhours.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.afterhours.pass.SendResult;
import io.afterhours.policy.MailAddress;
import io.afterhours.reply.OutgoingReply;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.net.SocketException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;

/**
 * What a failed SMTP send means for the exactly-once protocol: refused for good (5xx, as Postfix
 * says of an unknown local user), refused for now (4xx), certainly not sent, or in doubt.
 */
class SmtpFailureClassificationTest {
  private static final OutgoingReply REPLY =
      new OutgoingReply(
          "work",
          MailAddress.of("me@example.com"),
          MailAddress.of("client@example.org"),
          "Auto: hi",
          "text",
          Optional.empty(),
          "<r@example.com>",
          "",
          List.of(),
          Instant.EPOCH,
          "after-hours",
          "en");

  private static SendFailedException rcptRefused(int code) throws Exception {
    InternetAddress to = new InternetAddress("other@afterhours.test");
    SMTPAddressFailedException rcpt =
        new SMTPAddressFailedException(
            to, "RCPT TO:<other@afterhours.test>", code, code + " 5.1.1 User unknown");
    return new SendFailedException(
        "Invalid Addresses", rcpt, new Address[0], new Address[0], new Address[] {to});
  }

  private static SMTPSendFailedException dataRefused(int code) {
    return new SMTPSendFailedException(
        "DATA", code, code + " rejected", null, new Address[0], new Address[0], new Address[0]);
  }

  @Test
  void aRecipientRejectedWith550IsRefusedForGood() throws Exception {
    assertThat(SmtpReplySender.classify(REPLY.messageId(), rcptRefused(550), 250))
        .isInstanceOf(SendResult.Rejected.class);
  }

  @Test
  void aRecipientDeferredWith450IsRefusedForNow() throws Exception {
    assertThat(SmtpReplySender.classify(REPLY.messageId(), rcptRefused(450), 250))
        .isInstanceOf(SendResult.Deferred.class);
  }

  @Test
  void aMessageRejectedAfterDataWith554IsRefusedForGoodAnd452ForNow() {
    assertThat(SmtpReplySender.classify(REPLY.messageId(), dataRefused(554), 354))
        .isInstanceOf(SendResult.Rejected.class);
    assertThat(SmtpReplySender.classify(REPLY.messageId(), dataRefused(452), 354))
        .isInstanceOf(SendResult.Deferred.class);
  }

  @Test
  void aBrokenConnectionBeforeDataMeansCertainlyNotSent() {
    MessagingException reset =
        new MessagingException("Can't send command to SMTP host", new SocketException("reset"));

    assertThat(SmtpReplySender.classify(REPLY.messageId(), reset, 250))
        .isInstanceOf(SendResult.NotSent.class);
    assertThat(
            SmtpReplySender.classify(
                REPLY.messageId(), new IllegalStateException("not connected"), -1))
        .isInstanceOf(SendResult.NotSent.class);
  }

  @Test
  void aConnectionLostWaitingForTheAnswerToTheFinalDotLeavesTheReplyInDoubt() {
    // What Angus Mail throws when the server hangs up after the message: code -1, "[EOF]".
    SMTPSendFailedException eof =
        new SMTPSendFailedException(
            ".", -1, "[EOF]", null, new Address[0], new Address[0], new Address[0]);

    assertThat(SmtpReplySender.classify(REPLY.messageId(), eof, -1))
        .isInstanceOf(SendResult.InDoubt.class);
  }

  @Test
  void aConnectionLostWaitingForTheAnswerToRcptMeansCertainlyNotSent() throws Exception {
    InternetAddress to = new InternetAddress("other@afterhours.test");
    SMTPAddressFailedException eof =
        new SMTPAddressFailedException(to, "RCPT TO:<other@afterhours.test>", -1, "[EOF]");
    SendFailedException failed =
        new SendFailedException(
            "Invalid Addresses", eof, new Address[0], new Address[0], new Address[] {to});

    assertThat(SmtpReplySender.classify(REPLY.messageId(), failed, -1))
        .isInstanceOf(SendResult.NotSent.class);
  }

  @Test
  void aBrokenConnectionAfterTheServerSaid354ToDataLeavesTheReplyInDoubt() {
    MessagingException lost =
        new MessagingException("Exception reading response", new IOException("EOF"));

    assertThat(SmtpReplySender.classify(REPLY.messageId(), lost, 354))
        .isInstanceOf(SendResult.InDoubt.class);
  }
}
