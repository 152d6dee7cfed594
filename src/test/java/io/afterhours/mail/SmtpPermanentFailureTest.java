package io.afterhours.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;

/** Which SMTP refusals are final (not retried): what Postfix says for an unknown local user. */
class SmtpPermanentFailureTest {
  private static SendFailedException rcptRefused(int code) throws Exception {
    InternetAddress to = new InternetAddress("other@afterhours.test");
    SMTPAddressFailedException rcpt =
        new SMTPAddressFailedException(
            to, "RCPT TO:<other@afterhours.test>", code, code + " 5.1.1 User unknown");
    return new SendFailedException(
        "Invalid Addresses", rcpt, new Address[0], new Address[0], new Address[] {to});
  }

  @Test
  void aRecipientRejectedWith550IsPermanent() throws Exception {
    assertThat(SmtpReplySender.isPermanent(rcptRefused(550))).isTrue();
  }

  @Test
  void aRecipientDeferredWith450IsRetried() throws Exception {
    assertThat(SmtpReplySender.isPermanent(rcptRefused(450))).isFalse();
  }

  @Test
  void aMessageRejectedAfterDataWith554IsPermanent() {
    SMTPSendFailedException data =
        new SMTPSendFailedException(
            "DATA",
            554,
            "554 5.7.1 rejected",
            null,
            new Address[0],
            new Address[0],
            new Address[0]);
    assertThat(SmtpReplySender.isPermanent(data)).isTrue();
  }

  @Test
  void connectionTroubleIsRetried() {
    assertThat(SmtpReplySender.isPermanent(new MessagingException("Connection reset"))).isFalse();
    assertThat(SmtpReplySender.isPermanent(new IllegalStateException("not connected"))).isFalse();
  }
}
