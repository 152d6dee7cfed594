package io.afterhours.policy;

import static io.afterhours.policy.EnvelopeAndAutomatedMailRulesTest.reason;
import static io.afterhours.policy.MessageFactsBuilder.aMessage;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A message that answers one of our own auto-replies gets no second one. */
class AutoReplyLoopRulesTest {
  private static final Instant NOW = Fixtures.SATURDAY_MORNING.plusSeconds(60);

  private static Decision decide(MessageFactsBuilder message) {
    return decide(new InMemoryReplyHistory(), message);
  }

  private static Decision decide(ReplyHistory history, MessageFactsBuilder message) {
    return Fixtures.policy(Fixtures.settings(), history)
        .decide(message.build(), Fixtures.MAILBOX, NOW);
  }

  @Test
  void skipsAnAnswerToOurReplyRecognisedByTheShapeOfItsMessageId() {
    assertThat(decide(aMessage().inReplyTo("<afterhours.8f3a2c@example.com>")))
        .isEqualTo(
            Decision.Skip.because(
                SkipReason.REPLY_TO_AUTO_REPLY,
                "answers our reply <afterhours.8f3a2c@example.com>"));
  }

  @Test
  void findsOurReplyAnywhereInReferences() {
    Decision decision =
        decide(
            aMessage()
                .references(
                    "<thread.1@client.example.org>",
                    "<AfterHours.77@EXAMPLE.COM>",
                    "<thread.2@client.example.org>"));
    assertThat(reason(decision)).isEqualTo(SkipReason.REPLY_TO_AUTO_REPLY);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "<afterhours.8f3a2c@other.example.org>",
        "<afterhours@example.com>",
        "<afterhours.@example.com>",
        "<notafterhours.1@example.com>",
        "<>"
      })
  void repliesWhenAReferencedIdIsNotShapedLikeOurs(String id) {
    assertThat(decide(aMessage().inReplyTo(id))).isInstanceOf(Decision.Reply.class);
  }

  @Test
  void skipsAnAnswerToOurReplyFoundInTheHistory() {
    InMemoryReplyHistory history =
        new InMemoryReplyHistory()
            .record(
                "work",
                "<old@client.example.org>",
                "client@example.org",
                "<x42@mail.example.com>",
                Fixtures.FRIDAY_AFTERNOON.minusSeconds(86_400));
    assertThat(decide(history, aMessage().inReplyTo("<x42@mail.example.com>")))
        .isEqualTo(
            Decision.Skip.because(
                SkipReason.REPLY_TO_AUTO_REPLY, "answers our reply <x42@mail.example.com>"));
  }

  @Test
  void asksTheHistoryWithAngleBracketsEvenWhenTheHeaderLacksThem() {
    InMemoryReplyHistory history =
        new InMemoryReplyHistory()
            .record(
                "work",
                "<old@client.example.org>",
                "someone.else@example.org",
                "<x42@mail.example.com>",
                Fixtures.FRIDAY_AFTERNOON.minusSeconds(86_400));
    assertThat(reason(decide(history, aMessage().references("x42@mail.example.com"))))
        .isEqualTo(SkipReason.REPLY_TO_AUTO_REPLY);
  }
}
