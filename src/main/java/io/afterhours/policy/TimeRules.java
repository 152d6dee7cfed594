package io.afterhours.policy;

import io.afterhours.schedule.Schedule;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** Rules about working time: an after-hours reply makes sense only while the office is closed. */
final class TimeRules {
  private final Schedule schedule;
  private final PolicySettings settings;

  TimeRules(Schedule schedule, PolicySettings settings) {
    this.schedule = Objects.requireNonNull(schedule, "schedule");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /**
   * Mail that arrived during hours is the owner's to answer, unless {@code reply.during-open-hours}
   * asks for an acknowledgement then too.
   */
  Optional<Decision.Skip> openAtArrival(Candidate c) {
    Instant arrival = c.facts().arrival();
    if (settings.duringOpenHours() || !schedule.isOpenAt(arrival)) {
      return Optional.empty();
    }
    return Optional.of(
        Decision.Skip.because(SkipReason.OPEN_AT_ARRIVAL, "arrived " + arrival + " in open hours"));
  }

  /**
   * Mail that arrived while closed but is only seen once the office has opened (a slow poll, a
   * restart) would get an "opens at" that has passed; the owner is at work and reads it.
   */
  Optional<Decision.Skip> openNow(Candidate c) {
    if (schedule.isOpenAt(c.facts().arrival()) || !schedule.isOpenAt(c.now())) {
      return Optional.empty();
    }
    return Optional.of(Decision.Skip.because(SkipReason.OPEN_NOW, "open at " + c.now()));
  }

  /** A late answer to a backlog (first sync, resync after UIDVALIDITY) helps nobody. */
  Optional<Decision.Skip> tooOld(Candidate c) {
    Duration age = Duration.between(c.facts().arrival(), c.now());
    if (age.compareTo(settings.maxAge()) <= 0) {
      return Optional.empty();
    }
    return Optional.of(
        Decision.Skip.because(
            SkipReason.TOO_OLD,
            "arrived " + c.facts().arrival() + ", " + age + " ago, max-age " + settings.maxAge()));
  }
}
