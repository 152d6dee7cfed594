package io.afterhours.policy;

import static io.afterhours.policy.EnvelopeAndAutomatedMailRulesTest.reason;
import static io.afterhours.policy.MessageFactsBuilder.aMessage;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Working time: open at arrival, open now, and too old. */
class TimeRulesTest {

  private static Decision decide(PolicySettings settings, Instant arrival, Instant now) {
    return Fixtures.policy(settings)
        .decide(aMessage().arrivedAt(arrival).build(), Fixtures.MAILBOX, now);
  }

  @Test
  void skipsMailThatArrivedDuringOpenHours() {
    Decision decision =
        decide(Fixtures.settings(), Fixtures.FRIDAY_AFTERNOON, Fixtures.FRIDAY_AFTERNOON);
    assertThat(decision)
        .isEqualTo(
            Decision.Skip.because(
                SkipReason.OPEN_AT_ARRIVAL, "arrived 2026-11-27T14:00:00Z in open hours"));
  }

  @Test
  void skipsMailThatArrivedInHoursEvenWhenSeenAfterClosing() {
    Instant friday = Fixtures.FRIDAY_AFTERNOON;
    assertThat(reason(decide(Fixtures.settings(), friday, friday.plus(Duration.ofHours(5)))))
        .isEqualTo(SkipReason.OPEN_AT_ARRIVAL);
  }

  @Test
  void skipsMailThatArrivedClosedButIsSeenOnlyAfterOpening() {
    Decision decision =
        decide(Fixtures.settings(), Fixtures.SATURDAY_MORNING, Fixtures.MONDAY_MORNING);
    assertThat(decision)
        .isEqualTo(Decision.Skip.because(SkipReason.OPEN_NOW, "open at 2026-11-30T09:00:00Z"));
  }

  @Test
  void repliesToMailExactlyAsOldAsMaxAge() {
    PolicySettings settings = Fixtures.withMaxAge(Duration.ofHours(1));
    Instant arrival = Fixtures.SATURDAY_MORNING;
    assertThat(decide(settings, arrival, arrival.plus(Duration.ofHours(1))))
        .isInstanceOf(Decision.Reply.class);
  }

  @Test
  void skipsMailOlderThanMaxAge() {
    PolicySettings settings = Fixtures.withMaxAge(Duration.ofHours(1));
    Instant arrival = Fixtures.SATURDAY_MORNING;
    Decision decision = decide(settings, arrival, arrival.plus(Duration.ofHours(1)).plusSeconds(1));
    assertThat(reason(decision)).isEqualTo(SkipReason.TOO_OLD);
    assertThat(((Decision.Skip) decision).detail()).contains("max-age PT1H");
  }

  @Test
  void acknowledgesMailDuringOpenHoursWhenAskedTo() {
    Instant friday = Fixtures.FRIDAY_AFTERNOON;
    Decision decision = decide(Fixtures.duringOpenHours(), friday, friday.plusSeconds(30));
    assertThat(decision)
        .isEqualTo(
            new Decision.Reply(
                new MailAddress("client@example.org", "Clara Client"),
                Situation.OPEN,
                new ReplyTiming(
                    java.util.Optional.empty(), friday, friday.plus(Fixtures.RESPONSE_TIME))));
  }

  @Test
  void acknowledgesMailThatArrivedInHoursEvenWhenSeenAfterClosing() {
    Instant friday = Fixtures.FRIDAY_AFTERNOON;
    Decision decision =
        decide(Fixtures.duringOpenHours(), friday, friday.plus(Duration.ofHours(5)));
    assertThat(decision).isInstanceOf(Decision.Reply.class);
    assertThat(((Decision.Reply) decision).situation()).isEqualTo(Situation.OPEN);
  }

  @Test
  void stillSkipsMailThatArrivedClosedButIsSeenOnlyAfterOpeningWhenAcknowledgingOpenHours() {
    Decision decision =
        decide(Fixtures.duringOpenHours(), Fixtures.SATURDAY_MORNING, Fixtures.MONDAY_MORNING);
    assertThat(reason(decision)).isEqualTo(SkipReason.OPEN_NOW);
  }

  @Test
  void checksOpenHoursBeforeAge() {
    PolicySettings settings = Fixtures.withMaxAge(Duration.ofHours(1));
    Instant friday = Fixtures.FRIDAY_AFTERNOON;
    assertThat(reason(decide(settings, friday, friday.plus(Duration.ofHours(3)))))
        .isEqualTo(SkipReason.OPEN_AT_ARRIVAL);
  }
}
