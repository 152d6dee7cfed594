package io.afterhours.policy;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One message under consideration for a reply: what every rule may look at.
 *
 * @param now the instant of the decision, given by the caller (never read from a clock here)
 */
record Candidate(MessageFacts facts, MailboxIdentity mailbox, Instant now) {
  Candidate {
    Objects.requireNonNull(facts, "facts");
    Objects.requireNonNull(mailbox, "mailbox");
    Objects.requireNonNull(now, "now");
  }

  /** The address a reply would go to (RFC 3834 §4); empty for a null or missing sender. */
  Optional<MailAddress> sender() {
    return facts.replyAddress();
  }

  Headers headers() {
    return facts.headers();
  }
}
