package io.afterhours.policy;

import io.afterhours.schedule.AwayPeriod;
import io.afterhours.schedule.ClosedWindow;
import io.afterhours.schedule.ClosureReason;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

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

  /** The reply knobs, starting from the defaults; each {@code with*} helper changes one. */
  private static final class Knobs {
    private final PolicySettings d = settings();
    Optional<Duration> oncePer = d.oncePer();
    Duration minInterval = d.minInterval();
    Duration maxAge = d.maxAge();
    List<String> neverReplyTo = d.neverReplyTo();
    List<String> internalDomains = d.internalDomains();
    boolean duringOpenHours = d.duringOpenHours();
    int maxPerHour = d.maxPerHour();

    PolicySettings build() {
      return new PolicySettings(
          oncePer, minInterval, maxAge, neverReplyTo, internalDomains, duringOpenHours, maxPerHour);
    }
  }

  private static PolicySettings with(Consumer<Knobs> change) {
    Knobs knobs = new Knobs();
    change.accept(knobs);
    return knobs.build();
  }

  static PolicySettings withMaxAge(Duration maxAge) {
    return with(k -> k.maxAge = maxAge);
  }

  static PolicySettings withOncePer(Duration oncePer, Duration minInterval) {
    return with(
        k -> {
          k.oncePer = Optional.of(oncePer);
          k.minInterval = minInterval;
        });
  }

  static PolicySettings withMinInterval(Duration minInterval) {
    return with(k -> k.minInterval = minInterval);
  }

  static PolicySettings withNeverReplyTo(String... patterns) {
    return with(k -> k.neverReplyTo = List.of(patterns));
  }

  static PolicySettings withInternalDomains(String... domains) {
    return with(k -> k.internalDomains = List.of(domains));
  }

  static PolicySettings duringOpenHours() {
    return with(k -> k.duringOpenHours = true);
  }

  static PolicySettings withMaxPerHour(int maxPerHour) {
    return with(k -> k.maxPerHour = maxPerHour);
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
