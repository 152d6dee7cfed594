package io.afterhours.store;

import io.afterhours.pass.DecisionRecord.Outcome;
import java.time.Instant;
import java.util.Objects;

/**
 * How many final decisions of one kind one sender got in a span of time: a line of {@code history
 * --summary}.
 *
 * @param sender the sender address the policy looked at; empty when none was found
 * @param reason the template of a reply, the skip reason, or the failure's summary
 * @param first the earliest of these decisions
 * @param last the latest of these decisions
 */
public record SenderCount(
    String sender, Outcome decision, String reason, int count, Instant first, Instant last) {
  public SenderCount {
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(last, "last");
  }
}
