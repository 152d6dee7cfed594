package io.afterhours.policy;

import static io.afterhours.policy.EnvelopeAndAutomatedMailRulesTest.reason;
import static io.afterhours.policy.MessageFactsBuilder.aMessage;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code reply.only-to}: anyone, only the people the owner has written to, or only colleagues. The
 * owner is me@example.com, with aliases mia@example.com and sales@example.net.
 */
class AudienceRulesTest {
  private static final Instant NOW = Fixtures.SATURDAY_MORNING.plusSeconds(60);

  /** What the store learned from the Sent folder of mailbox "work". */
  private final Set<String> learned = new HashSet<>();

  private final Correspondents correspondents =
      (mailbox, address) -> mailbox.equals("work") && learned.contains(address);

  private Decision decide(PolicySettings settings, MessageFactsBuilder message) {
    return new ReplyPolicy(
            settings,
            new FakeSchedule(Fixtures.WEEKEND, Fixtures.MONDAY_NIGHT),
            new InMemoryReplyHistory(),
            correspondents,
            Fixtures.RESPONSE_TIME)
        .decide(message.build(), Fixtures.MAILBOX, NOW);
  }

  private static PolicySettings onlyTo(ReplyAudience audience, String... patterns) {
    return Fixtures.settings().answeringOnly(audience, List.of(patterns));
  }

  private static PolicySettings internal(String... internalDomains) {
    return Fixtures.withInternalDomains(internalDomains)
        .answeringOnly(ReplyAudience.INTERNAL, List.of());
  }

  private static MessageFactsBuilder from(String address) {
    return aMessage().returnPath(address).from(address);
  }

  @Test
  void anyoneIsTheDefaultAndAnswersAStranger() {
    assertThat(Fixtures.settings().onlyTo()).isEqualTo(ReplyAudience.ANYONE);
    assertThat(decide(Fixtures.settings(), from("stranger@elsewhere.org")))
        .isInstanceOf(Decision.Reply.class);
  }

  @Test
  void correspondentsAnswersSomeoneTheOwnerHasWrittenTo() {
    learned.add("client@example.org");

    assertThat(decide(onlyTo(ReplyAudience.CORRESPONDENTS), from("Client@Example.ORG")))
        .isInstanceOf(Decision.Reply.class);
  }

  @Test
  void correspondentsSkipsAStrangerAndSaysWhy() {
    learned.add("client@example.org");

    assertThat(decide(onlyTo(ReplyAudience.CORRESPONDENTS), from("stranger@elsewhere.org")))
        .isEqualTo(
            Decision.Skip.because(
                SkipReason.UNKNOWN_SENDER,
                "sender stranger@elsewhere.org never had mail from this mailbox and matches no"
                    + " reply.correspondents pattern (only-to = correspondents)"));
  }

  @Test
  void correspondentsAreKnownPerMailbox() {
    learned.add("client@example.org");
    MailboxIdentity home =
        new MailboxIdentity("home", Fixtures.MAILBOX.owner(), Fixtures.MAILBOX.aliases());

    Decision decision =
        new ReplyPolicy(
                onlyTo(ReplyAudience.CORRESPONDENTS),
                new FakeSchedule(Fixtures.WEEKEND, Fixtures.MONDAY_NIGHT),
                new InMemoryReplyHistory(),
                correspondents,
                Fixtures.RESPONSE_TIME)
            .decide(from("client@example.org").build(), home, NOW);

    assertThat(reason(decision)).isEqualTo(SkipReason.UNKNOWN_SENDER);
  }

  @ParameterizedTest
  @ValueSource(strings = {"anna@client.example", "BOB@Client.Example", "boss@x.org"})
  void correspondentsAnswersAddressesThatMatchAConfiguredPattern(String sender) {
    PolicySettings settings =
        onlyTo(ReplyAudience.CORRESPONDENTS, "*@client.example", "boss@x.org");

    assertThat(decide(settings, from(sender))).isInstanceOf(Decision.Reply.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"anna@sub.client.example", "boss@x.org.evil", "ceo@x.org"})
  void aPatternMatchesTheWholeAddressOnly(String sender) {
    PolicySettings settings =
        onlyTo(ReplyAudience.CORRESPONDENTS, "*@client.example", "boss@x.org");

    assertThat(reason(decide(settings, from(sender)))).isEqualTo(SkipReason.UNKNOWN_SENDER);
  }

  @Test
  void theReplyAddressMustBeKnownNotAFromAnyoneCanWrite() {
    learned.add("client@example.org");
    // A stranger writing as the client: the reply would go to the stranger.
    MessageFactsBuilder forged =
        aMessage().from("client@example.org").returnPath("stranger@elsewhere.org");

    assertThat(reason(decide(onlyTo(ReplyAudience.CORRESPONDENTS), forged)))
        .isEqualTo(SkipReason.UNKNOWN_SENDER);
  }

  @ParameterizedTest
  @ValueSource(strings = {"colleague@example.com", "a@EXAMPLE.COM", "b@example.net"})
  void internalAnswersTheMailboxsOwnDomainsAndThoseOfItsAliases(String sender) {
    assertThat(decide(internal(), from(sender))).isInstanceOf(Decision.Reply.class);
  }

  @Test
  void internalAnswersTheInternalDomains() {
    assertThat(decide(internal("*.kantor.co.id"), from("rina@jkt.kantor.co.id")))
        .isInstanceOf(Decision.Reply.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"client@example.org", "x@sub.example.com", "x@example.com.evil"})
  void internalSkipsEveryoneElse(String sender) {
    Decision decision = decide(internal("*.kantor.co.id"), from(sender));

    assertThat(decision)
        .isEqualTo(
            Decision.Skip.because(
                SkipReason.UNKNOWN_SENDER,
                "sender "
                    + sender
                    + " is not in internal-domains or our own domain (only-to = internal)"));
  }

  @Test
  void internalIgnoresTheLearnedCorrespondents() {
    learned.add("client@example.org");

    assertThat(reason(decide(internal(), from("client@example.org"))))
        .isEqualTo(SkipReason.UNKNOWN_SENDER);
  }

  @Test
  void aCheaperReasonComesFirst() {
    MessageFactsBuilder listMail =
        from("stranger@elsewhere.org").header("List-Id", "<dev.elsewhere.org>");

    assertThat(reason(decide(onlyTo(ReplyAudience.CORRESPONDENTS), listMail)))
        .isEqualTo(SkipReason.LIST_MAIL);
    assertThat(
            reason(
                decide(
                    onlyTo(ReplyAudience.CORRESPONDENTS),
                    from("stranger@elsewhere.org").arrivedAt(Fixtures.FRIDAY_AFTERNOON))))
        .isEqualTo(SkipReason.OPEN_AT_ARRIVAL);
  }
}
