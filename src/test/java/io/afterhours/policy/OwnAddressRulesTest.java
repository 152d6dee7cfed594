package io.afterhours.policy;

import static io.afterhours.policy.EnvelopeAndAutomatedMailRulesTest.reason;
import static io.afterhours.policy.MessageFactsBuilder.aMessage;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Our own mail, and mail that does not name us as a recipient. */
class OwnAddressRulesTest {
  private static final Instant NOW = Fixtures.SATURDAY_MORNING.plusSeconds(60);

  private static Decision decide(MessageFactsBuilder message) {
    return Fixtures.policy().decide(message.build(), Fixtures.MAILBOX, NOW);
  }

  @Test
  void skipsMailFromOurOwnAddress() {
    assertThat(decide(aMessage().returnPath("me@example.com").from("me@example.com")))
        .isEqualTo(Decision.Skip.because(SkipReason.OWN_ADDRESS, "Return-Path: me@example.com"));
  }

  @Test
  void skipsMailFromOneOfOurAliasesWhateverTheCase() {
    assertThat(reason(decide(aMessage().returnPath("Sales@Example.NET"))))
        .isEqualTo(SkipReason.OWN_ADDRESS);
  }

  @Test
  void skipsMailWhoseFromIsOursEvenWhenTheEnvelopeIsNot() {
    assertThat(decide(aMessage().returnPath("bounces@relay.example.org").from("mia@example.com")))
        .isEqualTo(Decision.Skip.because(SkipReason.OWN_ADDRESS, "From: mia@example.com"));
  }

  @Test
  void skipsMailWhoseSenderIsOurs() {
    assertThat(decide(aMessage().sender("me@example.com")))
        .isEqualTo(Decision.Skip.because(SkipReason.OWN_ADDRESS, "Sender: me@example.com"));
  }

  @Test
  void skipsMailNotAddressedToUs() {
    assertThat(reason(decide(aMessage().to("team@example.com").cc("boss@example.com"))))
        .isEqualTo(SkipReason.NOT_ADDRESSED_TO_US);
  }

  @Test
  void skipsMailWithNoRecipientsAtAll() {
    assertThat(reason(decide(aMessage().to()))).isEqualTo(SkipReason.NOT_ADDRESSED_TO_US);
  }

  @Test
  void countsBccOnlyAddressingAsAddressedToUs() {
    assertThat(decide(aMessage().to("team@example.com").bcc("me@example.com")))
        .isInstanceOf(Decision.Reply.class);
  }

  @Test
  void countsResentToAsAddressedToUs() {
    assertThat(decide(aMessage().to("someone@example.org").resentTo("me@example.com")))
        .isInstanceOf(Decision.Reply.class);
  }

  @Test
  void countsAnAliasAsAddressedToUs() {
    assertThat(decide(aMessage().to("team@example.com").cc("SALES@example.net")))
        .isInstanceOf(Decision.Reply.class);
  }

  @Test
  void comparesOurAddressIgnoringCase() {
    assertThat(decide(aMessage().to("Me@EXAMPLE.com"))).isInstanceOf(Decision.Reply.class);
  }
}
