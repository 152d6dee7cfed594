package io.afterhours.daemon;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Messages whose reply the SMTP server refused for now (a 4xx): each is tried again after a wait
 * that doubles from one minute up to an hour, while the mailbox's other mail goes on. Kept in
 * memory: after a restart every such message is tried at once. A message that stays refused until
 * it is older than max-age gets its final decision from the policy (TOO_OLD).
 */
final class Retries {
  static final Duration FIRST_WAIT = Duration.ofMinutes(1);
  static final Duration LONGEST_WAIT = Duration.ofHours(1);

  private record Attempt(int count, Instant next) {}

  private final Clock clock;
  private final Map<String, Attempt> attempts = new ConcurrentHashMap<>();

  Retries(Clock clock) {
    this.clock = clock;
  }

  /** True unless the message was refused for now and its next attempt is still to come. */
  boolean isDue(String key) {
    Attempt attempt = attempts.get(key);
    return attempt == null || !clock.instant().isBefore(attempt.next());
  }

  /**
   * Records one more refusal of the message's reply.
   *
   * @return when it is tried again, for the log and the history
   */
  String deferred(String key) {
    Attempt attempt =
        attempts.merge(
            key,
            new Attempt(1, next(1)),
            (old, first) -> new Attempt(old.count() + 1, next(old.count() + 1)));
    return "tried again after " + attempt.next() + " (attempt " + attempt.count() + ")";
  }

  /** The message got its final decision. */
  void forget(String key) {
    attempts.remove(key);
  }

  private Instant next(int count) {
    Duration wait = FIRST_WAIT.multipliedBy(1L << Math.min(count - 1, 10));
    return clock.instant().plus(wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait);
  }
}
