package io.afterhours.policy;

import static io.afterhours.policy.MessageFactsBuilder.aMessage;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Null sender, no sender, and the header fields that mark machine-sent or list mail. */
class EnvelopeAndAutomatedMailRulesTest {
  private static final Instant NOW = Fixtures.SATURDAY_MORNING.plusSeconds(60);

  private static Decision decide(MessageFactsBuilder message) {
    return Fixtures.policy().decide(message.build(), Fixtures.MAILBOX, NOW);
  }

  @Test
  void repliesToAnOrdinaryMessageThatArrivedAfterHours() {
    assertThat(decide(aMessage())).isInstanceOf(Decision.Reply.class);
  }

  @Test
  void skipsABounceFromTheNullSender() {
    assertThat(decide(aMessage().withNullSender()))
        .isEqualTo(Decision.Skip.because(SkipReason.NULL_SENDER, "Return-Path: <>"));
  }

  @Test
  void skipsWhenNoSenderAddressCanBeFound() {
    assertThat(decide(aMessage().withoutReturnPath().from()))
        .extracting(d -> ((Decision.Skip) d).reason())
        .isEqualTo(SkipReason.NO_SENDER);
  }

  @Test
  void aFromWithoutAValidAddressIsNoSenderAndTheSkipShowsWhatWasWritten() {
    MessageFactsBuilder message =
        aMessage()
            .withoutReturnPath()
            .unusable("From", "\"client7@example.org\" <broken", "not an address: Missing '>'");

    assertThat(decide(message))
        .isEqualTo(
            Decision.Skip.because(
                SkipReason.NO_SENDER,
                "no valid address in From: \"client7@example.org\" <broken"
                    + " (not an address: Missing '>')"));
  }

  @Test
  void aLongUnusableValueIsClippedTo200Characters() {
    String value = "<" + "x".repeat(300) + "@" + "=?utf-8?q?y?=";

    Decision.Skip skip =
        (Decision.Skip)
            decide(aMessage().withoutReturnPath().unusable("From", value, "an encoded-word"));

    assertThat(skip.reason()).isEqualTo(SkipReason.NO_SENDER);
    assertThat(skip.detail())
        .isEqualTo("no valid address in From: " + value.substring(0, 200) + "… (an encoded-word)");
  }

  @Test
  void anUnusableReturnPathIsNotReplacedByFromWhichMayNameSomeoneElse() {
    MessageFactsBuilder message =
        aMessage().unusable("Return-Path", "<a@example.org>, <b@example.org>", "two addresses");

    assertThat(decide(message))
        .isEqualTo(
            Decision.Skip.because(
                SkipReason.NO_SENDER,
                "no valid address in Return-Path: <a@example.org>, <b@example.org> (two addresses)"));
  }

  @Test
  void anUnusableSenderIsNotReplacedByFrom() {
    assertThat(reason(decide(aMessage().withoutReturnPath().unusable("Sender", "x", "no @domain"))))
        .isEqualTo(SkipReason.NO_SENDER);
  }

  @Test
  void anUnusableFromDoesNotMatterWhenReturnPathIsValid() {
    MessageFactsBuilder message = aMessage().unusable("From", "<broken", "not an address");

    assertThat(decide(message)).isInstanceOf(Decision.Reply.class);
    assertThat(((Decision.Reply) decide(message)).recipient())
        .isEqualTo(MailAddress.of("client@example.org"));
  }

  @Test
  void fallsBackToFromWhenThereIsNoReturnPath() {
    assertThat(decide(aMessage().withoutReturnPath())).isInstanceOf(Decision.Reply.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "auto-generated",
        "auto-replied",
        "AUTO-NOTIFIED",
        "auto-replied; owner-email=\"x@example.org\"",
        "auto-generated (a bot)",
        "",
        "nope"
      })
  void skipsAutoSubmittedMail(String value) {
    assertThat(decide(aMessage().header("Auto-Submitted", value)))
        .isEqualTo(
            Decision.Skip.because(SkipReason.AUTO_SUBMITTED, ("Auto-Submitted: " + value).strip()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"no", "No", " no ", "no (a person wrote this)", "no; reason=test"})
  void repliesWhenAutoSubmittedSaysNo(String value) {
    assertThat(decide(aMessage().header("Auto-Submitted", value)))
        .isInstanceOf(Decision.Reply.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"bulk", "BULK", "junk", "list", " List ", "bulk (newsletter)"})
  void skipsBulkJunkAndListPrecedence(String value) {
    assertThat(reason(decide(aMessage().header("Precedence", value))))
        .isEqualTo(SkipReason.BULK_PRECEDENCE);
  }

  @Test
  void repliesToFirstClassPrecedence() {
    assertThat(decide(aMessage().header("Precedence", "first-class")))
        .isInstanceOf(Decision.Reply.class);
  }

  @Test
  void skipsMailFromAMailingListAndNamesTheListInTheDetail() {
    assertThat(decide(aMessage().header("List-Id", "<dev.example.org>")))
        .isEqualTo(Decision.Skip.because(SkipReason.LIST_MAIL, "List-Id: <dev.example.org>"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "List-Unsubscribe",
        "List-Post",
        "List-Help",
        "List-Owner",
        "List-Subscribe",
        "List-Archive",
        "list-id",
        "List-Unsubscribe-Post"
      })
  void skipsMailWithAnyListHeaderAlone(String name) {
    assertThat(reason(decide(aMessage().header(name, "<mailto:x@lists.example.org>"))))
        .isEqualTo(SkipReason.LIST_MAIL);
  }

  @ParameterizedTest
  @ValueSource(strings = {"DR, OOF", "All", "oof", "DR,RN,OOF", "AutoReply All"})
  void skipsWhenAutoResponsesAreSuppressed(String value) {
    assertThat(decide(aMessage().header("X-Auto-Response-Suppress", value)))
        .isEqualTo(
            Decision.Skip.because(
                SkipReason.RESPONSE_SUPPRESSED, "X-Auto-Response-Suppress: " + value));
  }

  @ParameterizedTest
  @ValueSource(strings = {"DR", "DR, RN, NRN", "AutoReply", "Allow"})
  void repliesWhenOnlyOtherResponsesAreSuppressed(String value) {
    assertThat(decide(aMessage().header("X-Auto-Response-Suppress", value)))
        .isInstanceOf(Decision.Reply.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"YES", "yes", " Yes "})
  void skipsMailFlaggedAsSpam(String value) {
    assertThat(reason(decide(aMessage().header("X-Spam-Flag", value)))).isEqualTo(SkipReason.SPAM);
  }

  @Test
  void repliesToMailTheSpamFilterLetThrough() {
    assertThat(decide(aMessage().header("X-Spam-Flag", "NO"))).isInstanceOf(Decision.Reply.class);
    assertThat(decide(aMessage().header("X-Spam-Status", "No, score=1.2 required=5.0 tests=NONE")))
        .isInstanceOf(Decision.Reply.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Yes, score=7.9 required=5.0 tests=BAYES_99", "YES", "yes,score=12"})
  void skipsMailThatOnlyXSpamStatusCallsSpam(String value) {
    assertThat(decide(aMessage().header("X-Spam-Status", value)))
        .isEqualTo(Decision.Skip.because(SkipReason.SPAM, "X-Spam-Status: " + value));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "mx.example.com; spf=fail smtp.mailfrom=bank.example; dkim=none; dmarc=fail (p=reject)"
            + " header.from=bank.example",
        "mx.example.com;\r\n\tdmarc=FAIL header.from=bank.example",
        "mx.example.com; spf=pass; dmarc = fail"
      })
  void skipsMailWhoseSenderFailedDmarcAtOurServer(String value) {
    assertThat(decide(aMessage().header("Authentication-Results", value)))
        .isEqualTo(
            Decision.Skip.because(
                SkipReason.FORGED_SENDER, SkipDetail.header("Authentication-Results", value)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "mx.example.com; spf=fail smtp.mailfrom=forwarder.example; dkim=pass; dmarc=pass",
        "mx.example.com; spf=softfail; dkim=fail (bad signature); dmarc=none",
        "mx.example.com; dmarc=pass (was dmarc=fail upstream)",
        "mx.example.com; arc=fail; dmarc=temperror",
        "mx.example.com; none"
      })
  void repliesWhenDmarcDidNotFail(String value) {
    assertThat(decide(aMessage().header("Authentication-Results", value)))
        .isInstanceOf(Decision.Reply.class);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "X-Autoreply|yes",
        "X-Autorespond|Out of office",
        "X-Autoresponder|true",
        "Precedence|auto_reply",
        "Content-Type|multipart/report; report-type=disposition-notification; boundary=x",
        "Content-Type|multipart/report; report-type=delivery-status; boundary=y"
      })
  void skipsTheAutoRepliesAndReportsOfOlderSoftware(String name, String value) {
    assertThat(decide(aMessage().header(name, value)))
        .isEqualTo(Decision.Skip.because(SkipReason.AUTO_SUBMITTED, name + ": " + value));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "X-Autoreply|no",
        "Content-Type|multipart/mixed; boundary=x",
        "Content-Type|text/plain; charset=utf-8"
      })
  void repliesToMailWithoutAutoReplyMarks(String name, String value) {
    assertThat(decide(aMessage().header(name, value))).isInstanceOf(Decision.Reply.class);
  }

  @Test
  void keepsTheDetailOnOneShortLine() {
    String hostile = "auto-generated\r\nBcc: victim@example.org " + "x".repeat(500);
    Decision.Skip skip = (Decision.Skip) decide(aMessage().header("Auto-Submitted", hostile));
    assertThat(skip.detail()).doesNotContain("\r", "\n").hasSizeLessThan(160);
  }

  static SkipReason reason(Decision decision) {
    assertThat(decision).isInstanceOf(Decision.Skip.class);
    return ((Decision.Skip) decision).reason();
  }
}
