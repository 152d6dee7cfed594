package io.afterhours.policy;

import io.afterhours.schedule.ClosedWindow;
import java.util.List;
import java.util.Optional;

/** Which kind of reply fits (and so which template, DESIGN §4). */
final class SituationChoice {
  private final List<GlobPattern> internalDomains;

  SituationChoice(List<String> internalDomains) {
    this.internalDomains = internalDomains.stream().map(GlobPattern::of).toList();
  }

  /**
   * An acknowledgement in open hours is {@link Situation#OPEN} for everyone: the closed-time
   * templates, the internal one included, speak of a closure that is not there. Otherwise an
   * internal sender gets {@link Situation#INTERNAL}, and everyone else the reason of the closed
   * window the message arrived in.
   *
   * @param window the closed window around the arrival; empty when the message arrived in hours
   */
  Situation choose(MailAddress sender, Optional<ClosedWindow> window) {
    if (window.isEmpty()) {
      return Situation.OPEN;
    }
    if (isInternal(sender)) {
      return Situation.INTERNAL;
    }
    return switch (window.get().reason()) {
      case AWAY -> Situation.AWAY;
      case HOLIDAY -> Situation.HOLIDAY;
      case BREAK, NIGHT, DAY_OFF, WEEKEND -> Situation.AFTER_HOURS;
    };
  }

  boolean isInternal(MailAddress sender) {
    String domain = sender.domain();
    return !domain.isEmpty() && internalDomains.stream().anyMatch(p -> p.matches(domain));
  }
}
