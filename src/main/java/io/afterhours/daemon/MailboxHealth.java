package io.afterhours.daemon;

import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a mailbox's servers answer, and when to try again after a failure: exponential backoff
 * with jitter, from the poll interval up to a ceiling. A change of state is logged once; the
 * retries in between are quiet.
 */
final class MailboxHealth {
  private static final Logger LOG = LoggerFactory.getLogger(MailboxHealth.class);
  static final Duration FIRST_RETRY = Duration.ofSeconds(5);
  static final Duration MAX_BACKOFF = Duration.ofMinutes(15);

  private final String mailbox;
  private final RandomGenerator random;
  private volatile int failures;
  private volatile Instant nextAttempt = Instant.MIN;
  private volatile String problem = "";
  private volatile Instant downSince;
  private volatile Instant lastPass;

  MailboxHealth(String mailbox, RandomGenerator random) {
    this.mailbox = mailbox;
    this.random = random;
  }

  boolean mayTry(Instant now) {
    return !now.isBefore(nextAttempt);
  }

  /**
   * A pass that ran. A message refused for now (an SMTP 4xx) does not count: it waits for its own
   * retry while the mailbox's other mail flows (DESIGN §6, a mailbox is down only when its servers
   * cannot be reached).
   */
  void succeeded() {
    if (failures > 0) {
      LOG.info(
          "mailbox={} state=UP: servers answer again after {} failed attempts", mailbox, failures);
    }
    failures = 0;
    nextAttempt = Instant.MIN;
    problem = "";
    downSince = null;
  }

  /** A pass over the mailbox ended well at {@code at} (the daemon's clock). */
  void passedAt(Instant at) {
    lastPass = at;
  }

  void failed(Instant now, String reason) {
    if (failures == 0) {
      downSince = now;
    }
    problem = reason;
    failures++;
    Duration wait = backoff(failures);
    nextAttempt = now.plus(wait);
    if (failures == 1) {
      LOG.warn(
          "mailbox={} state=DOWN: {}; retrying with backoff (next in {}s)",
          mailbox,
          reason,
          wait.toSeconds());
    } else {
      LOG.debug(
          "mailbox={} still down after {} attempts: {}; next in {}s",
          mailbox,
          failures,
          reason,
          wait.toSeconds());
    }
  }

  int failures() {
    return failures;
  }

  /** What the status page says of the mailbox's servers. */
  MailboxStatus status(boolean held) {
    int failed = failures;
    return new MailboxStatus(
        failed == 0,
        failed,
        problem,
        java.util.Optional.ofNullable(downSince),
        failed == 0 ? java.util.Optional.empty() : java.util.Optional.of(nextAttempt),
        java.util.Optional.ofNullable(lastPass),
        held);
  }

  /**
   * 5s, 10s, 20s …, each stretched or shrunk by up to 20% at random, and never more than 15 minutes
   * (so waits at the ceiling spread over 12 to 15 minutes).
   */
  Duration backoff(int attempt) {
    long base = FIRST_RETRY.toMillis() << Math.min(Math.max(attempt, 1) - 1, 20);
    long capped = Math.min(base, MAX_BACKOFF.toMillis());
    double jitter = 0.8 + 0.4 * random.nextDouble();
    return Duration.ofMillis(Math.min((long) (capped * jitter), MAX_BACKOFF.toMillis()));
  }
}
