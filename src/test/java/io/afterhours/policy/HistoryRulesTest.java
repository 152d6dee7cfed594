package io.afterhours.policy;

import static io.afterhours.policy.EnvelopeAndAutomatedMailRulesTest.reason;
import static io.afterhours.policy.MessageFactsBuilder.aMessage;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** One reply per message, one per sender per closed window (or once-per), and min-interval. */
class HistoryRulesTest {
  private static final String CLIENT = "client@example.org";
  private static final Instant NOW = Fixtures.SATURDAY_MORNING.plusSeconds(60);

  private final InMemoryReplyHistory history = new InMemoryReplyHistory();

  private Decision decide(PolicySettings settings, MessageFactsBuilder message, Instant now) {
    return Fixtures.policy(settings, history).decide(message.build(), Fixtures.MAILBOX, now);
  }

  @Test
  void skipsAMessageThatAlreadyHasAReply() {
    history.record(
        "work",
        "<m1@client.example.org>",
        CLIENT,
        "<afterhours.1@example.com>",
        NOW.minusSeconds(30));
    assertThat(decide(Fixtures.settings(), aMessage(), NOW))
        .isEqualTo(
            Decision.Skip.because(
                SkipReason.ALREADY_ANSWERED, "Message-ID <m1@client.example.org>"));
  }

  @Test
  void repliesToAMessageWithoutMessageIdEvenWhenTheHistoryHasAnEmptyOne() {
    history.record("work", "", "someone.else@example.org", "<x.1@example.com>", NOW);
    assertThat(decide(Fixtures.settings(), aMessage().messageId(""), NOW))
        .isInstanceOf(Decision.Reply.class);
  }

  @Test
  void looksUpRepliesInThisMailboxOnly() {
    history.record(
        "private",
        "<m1@client.example.org>",
        CLIENT,
        "<x.1@example.com>",
        Fixtures.FRIDAY_AFTERNOON);
    assertThat(decide(Fixtures.settings(), aMessage(), NOW)).isInstanceOf(Decision.Reply.class);
  }

  @Test
  void asksTheHistoryOncePerQuestionForAMessageThatGetsAReply() {
    history.repliedTo(CLIENT, Fixtures.WEEKEND.from().minus(Duration.ofDays(7)));
    Decision decision =
        decide(
            Fixtures.withMinInterval(Duration.ofMinutes(1)), aMessage().messageId("<m2@x>"), NOW);
    assertThat(decision).isInstanceOf(Decision.Reply.class);
    // already answered?, the sender's last reply (window and min-interval), this hour's replies
    assertThat(history.lookups()).isEqualTo(3);
  }

  @Test
  void repliesOnceToASenderWhoWritesTwiceOnTheSameWeekend() {
    history.repliedTo(CLIENT, Fixtures.WEEKEND.from().plus(Duration.ofHours(1)));
    Decision decision =
        decide(
            Fixtures.withMinInterval(Duration.ofMinutes(1)), aMessage().messageId("<m2@x>"), NOW);
    assertThat(reason(decision)).isEqualTo(SkipReason.ALREADY_REPLIED_IN_WINDOW);
  }

  @Test
  void countsAReplyAtTheVeryStartOfTheWindow() {
    history.repliedTo(CLIENT, Fixtures.WEEKEND.from());
    Decision decision = decide(Fixtures.withMinInterval(Duration.ZERO), aMessage(), NOW);
    assertThat(reason(decision)).isEqualTo(SkipReason.ALREADY_REPLIED_IN_WINDOW);
  }

  @Test
  void matchesTheSenderIgnoringTheCaseOfItsAddress() {
    history.repliedTo(CLIENT, Fixtures.WEEKEND.from().plus(Duration.ofHours(1)));
    Decision decision =
        decide(
            Fixtures.withMinInterval(Duration.ZERO),
            aMessage().returnPath("Client@Example.ORG"),
            NOW);
    assertThat(reason(decision)).isEqualTo(SkipReason.ALREADY_REPLIED_IN_WINDOW);
  }

  @Test
  void repliesAgainInTheNextClosedWindow() {
    history.repliedTo(CLIENT, Fixtures.WEEKEND.from().minus(Duration.ofDays(3)));
    assertThat(decide(Fixtures.settings(), aMessage(), NOW)).isInstanceOf(Decision.Reply.class);
  }

  @Test
  void judgesTheWindowAroundTheArrivalNotAroundNow() {
    // Arrived on Saturday (weekend window), seen on Monday night (the next window); the sender
    // had a reply on Saturday, so this weekend message was already covered.
    history.repliedTo(CLIENT, Fixtures.SATURDAY_MORNING.minus(Duration.ofHours(1)));
    Decision decision =
        decide(Fixtures.withMinInterval(Duration.ofHours(1)), aMessage(), Fixtures.MONDAY_EVENING);
    assertThat(reason(decision)).isEqualTo(SkipReason.ALREADY_REPLIED_IN_WINDOW);
  }

  @Test
  void limitsRepliesPerOncePerDurationWhenSet() {
    history.repliedTo(CLIENT, NOW.minus(Duration.ofDays(3)));
    Decision decision =
        decide(Fixtures.withOncePer(Duration.ofDays(4), Duration.ofHours(12)), aMessage(), NOW);
    assertThat(reason(decision)).isEqualTo(SkipReason.ALREADY_REPLIED_IN_WINDOW);
    assertThat(((Decision.Skip) decision).detail()).contains("once-per PT96H");
  }

  @Test
  void repliesAgainOnceTheOncePerDurationHasPassed() {
    history.repliedTo(CLIENT, NOW.minus(Duration.ofDays(4)));
    Decision decision =
        decide(Fixtures.withOncePer(Duration.ofDays(4), Duration.ofHours(12)), aMessage(), NOW);
    assertThat(decision).isInstanceOf(Decision.Reply.class);
  }

  @Test
  void oncePerReplacesTheClosedWindowLimit() {
    history.repliedTo(CLIENT, Fixtures.WEEKEND.from().plus(Duration.ofHours(1)));
    Decision decision =
        decide(Fixtures.withOncePer(Duration.ofHours(1), Duration.ZERO), aMessage(), NOW);
    assertThat(decision).isInstanceOf(Decision.Reply.class);
  }

  @Test
  void skipsASenderWhoHadAReplyLessThanMinIntervalAgo() {
    history.repliedTo(CLIENT, NOW.minus(Duration.ofHours(2)));
    Decision decision =
        decide(Fixtures.withOncePer(Duration.ofHours(1), Duration.ofHours(12)), aMessage(), NOW);
    assertThat(decision)
        .isEqualTo(
            Decision.Skip.because(
                SkipReason.MIN_INTERVAL, "last reply 2026-11-28T08:01:00Z, min-interval PT12H"));
  }

  @Test
  void repliesExactlyMinIntervalAfterTheLastReply() {
    history.repliedTo(CLIENT, NOW.minus(Duration.ofHours(12)));
    Decision decision =
        decide(Fixtures.withOncePer(Duration.ofHours(1), Duration.ofHours(12)), aMessage(), NOW);
    assertThat(decision).isInstanceOf(Decision.Reply.class);
  }

  @Test
  void appliesMinIntervalToOpenHoursAcknowledgements() {
    Instant friday = Fixtures.FRIDAY_AFTERNOON;
    history.repliedTo(CLIENT, friday.minus(Duration.ofHours(3)));
    Decision decision = decide(Fixtures.duringOpenHours(), aMessage().arrivedAt(friday), friday);
    assertThat(reason(decision)).isEqualTo(SkipReason.MIN_INTERVAL);
  }

  @Test
  void acknowledgesOpenHoursMailOnceMinIntervalHasPassed() {
    Instant friday = Fixtures.FRIDAY_AFTERNOON;
    history.repliedTo(CLIENT, friday.minus(Duration.ofHours(13)));
    Decision decision = decide(Fixtures.duringOpenHours(), aMessage().arrivedAt(friday), friday);
    assertThat(decision).isInstanceOf(Decision.Reply.class);
  }

  @Test
  void skipsEveryoneOnceTheMailboxSentMaxPerHourRepliesInTheLastHour() {
    history.repliedTo("a@example.net", NOW.minus(Duration.ofMinutes(50)));
    history.repliedTo("b@example.net", NOW.minus(Duration.ofMinutes(10)));
    Decision decision = decide(Fixtures.withMaxPerHour(2), aMessage(), NOW);
    assertThat(decision)
        .isEqualTo(
            Decision.Skip.because(
                SkipReason.HOURLY_LIMIT, "2 replies in the last hour; max-per-hour 2"));
  }

  @Test
  void repliesAgainWhenTheOldestReplyOfTheHourHasAgedOut() {
    history.repliedTo("a@example.net", NOW.minus(Duration.ofMinutes(61)));
    history.repliedTo("b@example.net", NOW.minus(Duration.ofMinutes(10)));
    assertThat(decide(Fixtures.withMaxPerHour(2), aMessage(), NOW))
        .isInstanceOf(Decision.Reply.class);
  }

  @Test
  void countsOnlyThisMailboxsReplies() {
    history.record("home", "<x@y>", "a@example.net", "<r@me>", NOW.minus(Duration.ofMinutes(5)));
    assertThat(decide(Fixtures.withMaxPerHour(1), aMessage(), NOW))
        .isInstanceOf(Decision.Reply.class);
  }

  @Test
  void zeroMeansNoHourlyLimit() {
    for (int i = 0; i < 500; i++) {
      history.repliedTo("client" + i + "@example.net", NOW.minus(Duration.ofMinutes(5)));
    }
    assertThat(decide(Fixtures.withMaxPerHour(0), aMessage(), NOW))
        .isInstanceOf(Decision.Reply.class);
  }

  @Test
  void theDefaultLimitIsAHundredAnHour() {
    for (int i = 0; i < 99; i++) {
      history.repliedTo("client" + i + "@example.net", NOW.minus(Duration.ofMinutes(5)));
    }
    assertThat(decide(Fixtures.settings(), aMessage(), NOW)).isInstanceOf(Decision.Reply.class);
    history.repliedTo("client99@example.net", NOW.minus(Duration.ofMinutes(5)));
    assertThat(reason(decide(Fixtures.settings(), aMessage(), NOW)))
        .isEqualTo(SkipReason.HOURLY_LIMIT);
  }
}
