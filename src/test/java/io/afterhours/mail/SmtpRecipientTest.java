package io.afterhours.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.afterhours.policy.MailAddress;
import jakarta.mail.internet.InternetAddress;
import org.junit.jupiter.api.Test;

/**
 * A reply's recipient as SMTP carries it: A-labels always, a UTF-8 local part only with SMTPUTF8.
 */
class SmtpRecipientTest {
  private static SmtpRecipient.Accepted accepted(SmtpRecipient recipient) {
    assertThat(recipient).isInstanceOf(SmtpRecipient.Accepted.class);
    return (SmtpRecipient.Accepted) recipient;
  }

  @Test
  void anAsciiAddressGoesOutAsItIs() {
    var to = accepted(SmtpRecipient.of(MailAddress.of("client@example.org"), false));

    assertThat(to.envelope().getAddress()).isEqualTo("client@example.org");
    assertThat(to.envelope().getPersonal()).isNull();
    assertThat(to.needsSmtpUtf8()).isFalse();
  }

  @Test
  void anInternationalizedDomainGoesOutAsALabelsWithoutSmtpUtf8() {
    var to = accepted(SmtpRecipient.of(MailAddress.of("u1@bücher.example"), false));

    assertThat(to.envelope().getAddress()).isEqualTo("u1@xn--bcher-kva.example");
    assertThat(to.needsSmtpUtf8()).isFalse();
    assertThat(accepted(SmtpRecipient.of(MailAddress.of("info@例子.测试"), false)).envelope())
        .extracting(InternetAddress::getAddress)
        .isEqualTo("info@xn--fsqu00a.xn--0zwm56d");
  }

  @Test
  void aUtf8LocalPartNeedsAServerThatOffersSmtpUtf8() {
    var to = accepted(SmtpRecipient.of(MailAddress.of("dörte@bücher.example"), true));

    assertThat(to.envelope().getAddress()).isEqualTo("dörte@xn--bcher-kva.example");
    assertThat(to.needsSmtpUtf8()).isTrue();
  }

  @Test
  void withoutSmtpUtf8AUtf8LocalPartIsRefusedSayingWhy() {
    assertThat(SmtpRecipient.of(MailAddress.of("dörte@bücher.example"), false))
        .isEqualTo(
            new SmtpRecipient.Refused(
                "the SMTP server does not offer SMTPUTF8, needed for the address"
                    + " dörte@bücher.example"));
  }

  @Test
  void whatCannotBeAnAddressIsRefused() {
    for (String bad :
        new String[] {
          "not an address", "user@", "\"john doe\"@example.org", "x@[192.0.2.1]", "x@straße.de"
        }) {
      assertThat(SmtpRecipient.of(MailAddress.of(bad), true))
          .isInstanceOfSatisfying(
              SmtpRecipient.Refused.class,
              refused -> assertThat(refused.reason()).startsWith("\"" + bad + "\" cannot be"));
    }
  }

  @Test
  void theHeaderAddressHasALabelsAndTheDisplayName() throws Exception {
    InternetAddress header =
        SmtpRecipient.forHeader(new MailAddress("u1@bücher.example", "Dörte\r\nBcc: x@y.org"));

    assertThat(header.getAddress()).isEqualTo("u1@xn--bcher-kva.example");
    assertThat(header.getPersonal()).isEqualTo("Dörte Bcc: x@y.org");
    assertThat(header.toString())
        .as("an ASCII header: the name in an RFC 2047 word")
        .isEqualTo("=?UTF-8?Q?D=C3=B6rte_Bcc=3A_x=40y=2Eorg?= <u1@xn--bcher-kva.example>");
  }
}
