package io.afterhours.schedule;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A maximal stretch of closed time: from the last closing to the next opening.
 *
 * @param from the instant the office closed (the end of the previous open window)
 * @param until the next opening
 * @param reason the strongest reason found in the window (away beats holiday beats weekend beats
 *     night)
 * @param label the holiday's name or the away note; empty for night and weekend
 * @param away the away period behind an {@link ClosureReason#AWAY} window
 */
public record ClosedWindow(
    Instant from, Instant until, ClosureReason reason, String label, Optional<AwayPeriod> away) {
  public ClosedWindow {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(until, "until");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(away, "away");
  }

  public boolean contains(Instant t) {
    return !t.isBefore(from) && t.isBefore(until);
  }
}
