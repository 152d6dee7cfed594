package io.afterhours.policy;

import static io.afterhours.policy.MessageFactsBuilder.aMessage;
import static org.assertj.core.api.Assertions.assertThat;

import io.afterhours.schedule.ClosedWindow;
import io.afterhours.schedule.ClosureReason;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a reply carries: recipient, situation and timing. */
class ReplyDecisionTest {
  private static final Instant NOW = Fixtures.SATURDAY_MORNING.plusSeconds(60);

  private static Decision.Reply replyIn(ClosedWindow window, PolicySettings settings) {
    ReplyPolicy policy =
        new ReplyPolicy(
            settings, new FakeSchedule(window), new InMemoryReplyHistory(), Fixtures.RESPONSE_TIME);
    Decision decision = policy.decide(aMessage().build(), Fixtures.MAILBOX, NOW);
    assertThat(decision).isInstanceOf(Decision.Reply.class);
    return (Decision.Reply) decision;
  }

  private static ClosedWindow closedFor(ClosureReason reason) {
    return Fixtures.window("2026-11-27T16:00:00Z", "2026-11-30T08:00:00Z", reason);
  }

  @Test
  void answersTheReturnPathWithTheDisplayNameFromFrom() {
    Decision.Reply reply = replyIn(Fixtures.WEEKEND, Fixtures.settings());
    assertThat(reply.recipient()).isEqualTo(new MailAddress("client@example.org", "Clara Client"));
  }

  @Test
  void givesTheWindowOfTheArrivalTheNextOpeningAndTheAnswerTime() {
    Decision.Reply reply = replyIn(Fixtures.WEEKEND, Fixtures.settings());
    Instant monday = Instant.parse("2026-11-30T08:00:00Z");
    assertThat(reply.timing())
        .isEqualTo(
            new ReplyTiming(
                Optional.of(Fixtures.WEEKEND), monday, monday.plus(Fixtures.RESPONSE_TIME)));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"NIGHT, AFTER_HOURS", "WEEKEND, AFTER_HOURS", "HOLIDAY, HOLIDAY", "AWAY, AWAY"})
  void choosesTheSituationByWhyTheOfficeIsClosed(ClosureReason reason, Situation situation) {
    assertThat(replyIn(closedFor(reason), Fixtures.settings()).situation()).isEqualTo(situation);
  }

  @ParameterizedTest(name = "internal-domains {0}")
  @CsvSource({"example.org", "*.org", "EXAMPLE.ORG", "ex?mple.org"})
  void treatsSendersInAnInternalDomainAsInternal(String pattern) {
    Decision.Reply reply = replyIn(Fixtures.WEEKEND, Fixtures.withInternalDomains(pattern));
    assertThat(reply.situation()).isEqualTo(Situation.INTERNAL);
  }

  @Test
  void treatsInternalSendersAsInternalOnHolidaysAndWhileAwayToo() {
    PolicySettings settings = Fixtures.withInternalDomains("example.org");
    assertThat(replyIn(closedFor(ClosureReason.HOLIDAY), settings).situation())
        .isEqualTo(Situation.INTERNAL);
    assertThat(replyIn(closedFor(ClosureReason.AWAY), settings).situation())
        .isEqualTo(Situation.INTERNAL);
  }

  @Test
  void doesNotTreatASubdomainPatternAsTheParentDomain() {
    Decision.Reply reply = replyIn(Fixtures.WEEKEND, Fixtures.withInternalDomains("*.example.org"));
    assertThat(reply.situation()).isEqualTo(Situation.AFTER_HOURS);
  }
}
