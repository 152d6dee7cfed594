package io.afterhours.daemon;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The state of one mailbox's servers as the daemon sees it now, for the status page.
 *
 * @param up true while its servers answer
 * @param failures failed attempts in a row
 * @param problem what the last failure said; empty while up
 * @param downSince when the first of these failures happened
 * @param nextAttempt when the daemon tries again, while down
 * @param lastPass when a pass over it last succeeded (the wall clock)
 * @param held true while this process holds the mailbox's lease and so passes over it
 */
public record MailboxStatus(
    boolean up,
    int failures,
    String problem,
    Optional<Instant> downSince,
    Optional<Instant> nextAttempt,
    Optional<Instant> lastPass,
    boolean held) {
  public MailboxStatus {
    Objects.requireNonNull(problem, "problem");
    Objects.requireNonNull(downSince, "downSince");
    Objects.requireNonNull(nextAttempt, "nextAttempt");
    Objects.requireNonNull(lastPass, "lastPass");
  }
}
