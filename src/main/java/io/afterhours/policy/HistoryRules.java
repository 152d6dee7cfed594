package io.afterhours.policy;

import io.afterhours.schedule.ClosedWindow;
import io.afterhours.schedule.Schedule;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Rules that ask the reply history: one reply per message, and few replies per sender. The sender
 * is the reply address, lower-case, as the history records it.
 */
final class HistoryRules {
  private final ReplyHistory history;
  private final Schedule schedule;
  private final PolicySettings settings;

  HistoryRules(ReplyHistory history, Schedule schedule, PolicySettings settings) {
    this.history = Objects.requireNonNull(history, "history");
    this.schedule = Objects.requireNonNull(schedule, "schedule");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /** At most one reply per original message, across restarts and resyncs (DESIGN §6). */
  Optional<Decision.Skip> alreadyAnswered(Candidate c) {
    String messageId = c.facts().messageId();
    if (messageId.isEmpty() || !history.hasReplyFor(c.mailbox().name(), messageId)) {
      return Optional.empty();
    }
    return Optional.of(
        Decision.Skip.because(
            SkipReason.ALREADY_ANSWERED, "Message-ID " + SkipDetail.clip(messageId)));
  }

  /**
   * What the sender's last reply forbids, read from the history once: one reply per sender per
   * closed window ({@link #alreadyRepliedInWindow}), then never two closer than {@code
   * reply.min-interval}.
   */
  Optional<Decision.Skip> repliedRecently(Candidate c) {
    Optional<Instant> last =
        c.sender().flatMap(s -> history.lastReplyTo(c.mailbox().name(), s.normalized()));
    if (last.isEmpty()) {
      return Optional.empty();
    }
    return alreadyRepliedInWindow(c, last.get()).or(() -> minInterval(c, last.get()));
  }

  /**
   * RFC 3834 §2 and RFC 5230 §4.2: one reply per sender per closed window (the window around the
   * arrival, not around now), or per {@code reply.once-per} when that is set.
   */
  private Optional<Decision.Skip> alreadyRepliedInWindow(Candidate c, Instant last) {
    Optional<Duration> oncePer = settings.oncePer();
    if (oncePer.isPresent()) {
      return within(last, c.now(), oncePer.get())
          ? skip(SkipReason.ALREADY_REPLIED_IN_WINDOW, last, "once-per " + oncePer.get())
          : Optional.empty();
    }
    // Mail that arrived in open hours (reply.during-open-hours) has no closed window; the
    // min-interval rule alone limits those acknowledgements.
    Optional<ClosedWindow> window = schedule.closedWindowAt(c.facts().arrival());
    return window
        .filter(w -> !last.isBefore(w.from()))
        .flatMap(w -> skip(SkipReason.ALREADY_REPLIED_IN_WINDOW, last, "closed since " + w.from()));
  }

  /** Never two replies to one sender closer than {@code reply.min-interval}. */
  private Optional<Decision.Skip> minInterval(Candidate c, Instant last) {
    return within(last, c.now(), settings.minInterval())
        ? skip(SkipReason.MIN_INTERVAL, last, "min-interval " + settings.minInterval())
        : Optional.empty();
  }

  /**
   * At most {@code reply.max-per-hour} replies per mailbox in the hour before now, whoever the
   * senders: a flood of mail from many (often forged) senders gets no flood of replies.
   */
  Optional<Decision.Skip> hourlyLimit(Candidate c) {
    int limit = settings.maxPerHour();
    if (limit == 0) {
      return Optional.empty();
    }
    int lastHour = history.repliesSince(c.mailbox().name(), c.now().minus(Duration.ofHours(1)));
    if (lastHour < limit) {
      return Optional.empty();
    }
    return Optional.of(
        Decision.Skip.because(
            SkipReason.HOURLY_LIMIT,
            lastHour + " replies in the last hour; max-per-hour " + limit));
  }

  /** True when {@code last} lies less than {@code span} before {@code now} (or after it). */
  private static boolean within(Instant last, Instant now, Duration span) {
    return Duration.between(last, now).compareTo(span) < 0;
  }

  private static Optional<Decision.Skip> skip(SkipReason reason, Instant last, String limit) {
    return Optional.of(Decision.Skip.because(reason, "last reply " + last + ", " + limit));
  }
}
