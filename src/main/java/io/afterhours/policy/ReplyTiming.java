package io.afterhours.policy;

import io.afterhours.schedule.ClosedWindow;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * When the sender can expect an answer.
 *
 * @param window the closed window the message arrived in; empty when it arrived during hours
 * @param nextOpening the next opening at or after arrival
 * @param respondBy the next opening plus response-time, counted in open time only
 */
public record ReplyTiming(Optional<ClosedWindow> window, Instant nextOpening, Instant respondBy) {
  public ReplyTiming {
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(nextOpening, "nextOpening");
    Objects.requireNonNull(respondBy, "respondBy");
  }
}
