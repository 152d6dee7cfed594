package io.afterhours.policy;

import static io.afterhours.policy.EnvelopeAndAutomatedMailRulesTest.reason;
import static io.afterhours.policy.MessageFactsBuilder.aMessage;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** List robots, no-reply addresses and never-reply-to patterns, judged on the reply address. */
class SenderRulesTest {
  private static final Instant NOW = Fixtures.SATURDAY_MORNING.plusSeconds(60);

  private static Decision decide(PolicySettings settings, MessageFactsBuilder message) {
    return Fixtures.policy(settings).decide(message.build(), Fixtures.MAILBOX, NOW);
  }

  private static Decision fromReturnPath(String address) {
    return decide(Fixtures.settings(), aMessage().returnPath(address));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "MAILER-DAEMON@mx.example.org",
        "mailer-daemon@example.org",
        "LISTSERV@lists.example.org",
        "majordomo@example.org",
        "Majordomo+bounce@example.org",
        "owner-dev@lists.example.org",
        "dev-request@lists.example.org",
        "dev-REQUEST+42@lists.example.org"
      })
  void skipsMailFromListAndMailSoftware(String address) {
    assertThat(fromReturnPath(address))
        .isEqualTo(Decision.Skip.because(SkipReason.ROBOT_SENDER, "sender " + address));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "daemon@example.org",
        "owner@example.org",
        "requests@example.org",
        "downer-x@x.org"
      })
  void repliesToPeopleWhoseNamesMerelyResembleRobots(String address) {
    assertThat(fromReturnPath(address)).isInstanceOf(Decision.Reply.class);
  }

  @Test
  void judgesTheReplyAddressNotTheAuthor() {
    Decision decision =
        decide(
            Fixtures.settings(),
            aMessage().from("alice@example.org").returnPath("owner-dev@lists.example.org"));
    assertThat(reason(decision)).isEqualTo(SkipReason.ROBOT_SENDER);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "noreply@shop.example",
        "NoReply@shop.example",
        "no-reply@shop.example",
        "no_reply@shop.example",
        "no.reply@shop.example",
        "do-not-reply@shop.example",
        "do_not_reply@shop.example",
        "donotreply@shop.example",
        "DoNotReply@shop.example",
        "noreply+orders@shop.example",
        "jira-noreply@tracker.example",
        "no-reply-aws@amazon.example"
      })
  void skipsNoReplyAddresses(String address) {
    assertThat(fromReturnPath(address))
        .isEqualTo(Decision.Skip.because(SkipReason.NO_REPLY_SENDER, "sender " + address));
  }

  @ParameterizedTest
  @ValueSource(strings = {"noreen@example.org", "reply@example.org", "noreplies@example.org"})
  void repliesToAddressesThatOnlyContainTheLetters(String address) {
    assertThat(fromReturnPath(address)).isInstanceOf(Decision.Reply.class);
  }

  @Test
  void skipsSendersMatchingABuiltInNeverReplyToPattern() {
    assertThat(fromReturnPath("dev-bounces@lists.example.org"))
        .isEqualTo(
            Decision.Skip.because(
                SkipReason.NO_REPLY_SENDER,
                "sender dev-bounces@lists.example.org matches never-reply-to \"*-bounces@*\""));
  }

  @Test
  void matchesNeverReplyToPatternsIgnoringCase() {
    Decision decision =
        decide(
            Fixtures.withNeverReplyTo("*@MARKETING.example.org"),
            aMessage().returnPath("news@marketing.Example.org"));
    assertThat(reason(decision)).isEqualTo(SkipReason.NO_REPLY_SENDER);
  }

  @Test
  void matchesNeverReplyToPatternsAgainstTheWholeAddress() {
    Decision decision =
        decide(
            Fixtures.withNeverReplyTo("client@example"),
            aMessage().returnPath("client@example.org"));
    assertThat(decision).isInstanceOf(Decision.Reply.class);
  }
}
