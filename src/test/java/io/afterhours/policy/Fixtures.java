package io.afterhours.policy;

import io.afterhours.schedule.AwayPeriod;
import io.afterhours.schedule.ClosedWindow;
import io.afterhours.schedule.ClosureReason;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The owner, the calendar and the settings the policy tests share. */
final class Fixtures {
  static final MailboxIdentity MAILBOX =
      new MailboxIdentity(
          "work",
          new MailAddress("me@example.com", "Mia Owner"),
          List.of("mia@example.com", "sales@example.net"));

  /** Closed from Friday 16:00 to Monday 08:00 (UTC). */
  static final ClosedWindow WEEKEND =
      window("2026-11-27T16:00:00Z", "2026-11-30T08:00:00Z", ClosureReason.WEEKEND);

  /** Closed from Monday 16:00 to Tuesday 08:00 (UTC), the night after {@link #WEEKEND}. */
  static final ClosedWindow MONDAY_NIGHT =
      window("2026-11-30T16:00:00Z", "2026-12-01T08:00:00Z", ClosureReason.NIGHT);

  static final Instant FRIDAY_AFTERNOON = Instant.parse("2026-11-27T14:00:00Z");
  static final Instant SATURDAY_MORNING = Instant.parse("2026-11-28T10:00:00Z");
  static final Instant MONDAY_MORNING = Instant.parse("2026-11-30T09:00:00Z");
  static final Instant MONDAY_EVENING = Instant.parse("2026-11-30T20:00:00Z");

  static final Duration RESPONSE_TIME = Duration.ofHours(4);

  private Fixtures() {}

  static ClosedWindow window(String from, String until, ClosureReason reason) {
    Optional<AwayPeriod> away =
        reason == ClosureReason.AWAY
            ? Optional.of(
                new AwayPeriod(Instant.parse(from), Instant.parse(until), "away", "annual leave"))
            : Optional.empty();
    String label =
        switch (reason) {
          case HOLIDAY -> "St Andrew's Day";
          case AWAY -> "annual leave";
          default -> "";
        };
    return new ClosedWindow(Instant.parse(from), Instant.parse(until), reason, label, away);
  }

  /** The defaults of reference.conf, with tweaks through the {@code with*} helpers below. */
  static PolicySettings settings() {
    return PolicySettings.defaults();
  }

  static PolicySettings withMaxAge(Duration maxAge) {
    PolicySettings d = settings();
    return new PolicySettings(
        d.oncePer(),
        d.minInterval(),
        maxAge,
        d.neverReplyTo(),
        d.internalDomains(),
        false,
        d.maxPerHour());
  }

  static PolicySettings withOncePer(Duration oncePer, Duration minInterval) {
    PolicySettings d = settings();
    return new PolicySettings(
        Optional.of(oncePer),
        minInterval,
        d.maxAge(),
        d.neverReplyTo(),
        d.internalDomains(),
        false,
        d.maxPerHour());
  }

  static PolicySettings withMinInterval(Duration minInterval) {
    PolicySettings d = settings();
    return new PolicySettings(
        d.oncePer(),
        minInterval,
        d.maxAge(),
        d.neverReplyTo(),
        d.internalDomains(),
        false,
        d.maxPerHour());
  }

  static PolicySettings withNeverReplyTo(String... patterns) {
    PolicySettings d = settings();
    return new PolicySettings(
        d.oncePer(),
        d.minInterval(),
        d.maxAge(),
        List.of(patterns),
        d.internalDomains(),
        false,
        d.maxPerHour());
  }

  static PolicySettings withInternalDomains(String... domains) {
    PolicySettings d = settings();
    return new PolicySettings(
        d.oncePer(),
        d.minInterval(),
        d.maxAge(),
        d.neverReplyTo(),
        List.of(domains),
        false,
        d.maxPerHour());
  }

  static PolicySettings duringOpenHours() {
    PolicySettings d = settings();
    return new PolicySettings(
        d.oncePer(),
        d.minInterval(),
        d.maxAge(),
        d.neverReplyTo(),
        d.internalDomains(),
        true,
        d.maxPerHour());
  }

  static PolicySettings withMaxPerHour(int maxPerHour) {
    PolicySettings d = settings();
    return new PolicySettings(
        d.oncePer(),
        d.minInterval(),
        d.maxAge(),
        d.neverReplyTo(),
        d.internalDomains(),
        false,
        maxPerHour);
  }

  /** A policy over the weekend window and an empty history. */
  static ReplyPolicy policy() {
    return policy(settings(), new InMemoryReplyHistory());
  }

  static ReplyPolicy policy(PolicySettings settings) {
    return policy(settings, new InMemoryReplyHistory());
  }

  static ReplyPolicy policy(PolicySettings settings, ReplyHistory history) {
    return new ReplyPolicy(
        settings, new FakeSchedule(WEEKEND, MONDAY_NIGHT), history, RESPONSE_TIME);
  }
}
