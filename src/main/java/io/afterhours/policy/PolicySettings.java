package io.afterhours.policy;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The reply policy's knobs (config {@code reply.*}).
 *
 * @param oncePer empty for "once per closed window", else at most one reply per sender per duration
 * @param minInterval never two replies to one sender closer than this
 * @param maxAge never answer mail older than this
 * @param neverReplyTo glob patterns ({@code *} and {@code ?}) matched case-insensitively against
 *     the sender address
 * @param internalDomains senders in these domains (globs) get the internal situation
 * @param duringOpenHours also acknowledge mail that arrives during open hours
 * @param maxPerHour at most this many replies per mailbox in any hour, 0 for no limit: a flood of
 *     mail from many (often forged) senders must not turn the responder into a spam cannon
 * @param onlyTo whom the mailbox answers at all ({@code reply.only-to})
 * @param correspondents glob patterns of senders that count as correspondents besides those the
 *     owner has written to ({@code reply.correspondents})
 */
public record PolicySettings(
    Optional<Duration> oncePer,
    Duration minInterval,
    Duration maxAge,
    List<String> neverReplyTo,
    List<String> internalDomains,
    boolean duringOpenHours,
    int maxPerHour,
    ReplyAudience onlyTo,
    List<String> correspondents) {
  public PolicySettings {
    Objects.requireNonNull(oncePer, "oncePer");
    Objects.requireNonNull(minInterval, "minInterval");
    Objects.requireNonNull(maxAge, "maxAge");
    neverReplyTo = List.copyOf(neverReplyTo);
    internalDomains = List.copyOf(internalDomains);
    if (maxPerHour < 0) {
      throw new IllegalArgumentException("maxPerHour must not be negative: " + maxPerHour);
    }
    Objects.requireNonNull(onlyTo, "onlyTo");
    correspondents = List.copyOf(correspondents);
  }

  /** Settings that answer anyone ({@code reply.only-to = anyone}, the default). */
  public PolicySettings(
      Optional<Duration> oncePer,
      Duration minInterval,
      Duration maxAge,
      List<String> neverReplyTo,
      List<String> internalDomains,
      boolean duringOpenHours,
      int maxPerHour) {
    this(
        oncePer,
        minInterval,
        maxAge,
        neverReplyTo,
        internalDomains,
        duringOpenHours,
        maxPerHour,
        ReplyAudience.ANYONE,
        List.of());
  }

  /** The default of {@code reply.max-per-hour}. */
  public static final int DEFAULT_MAX_PER_HOUR = 100;

  public static PolicySettings defaults() {
    return new PolicySettings(
        Optional.empty(),
        Duration.ofHours(12),
        Duration.ofDays(3),
        List.of("*@noreply.*", "no-reply@*", "*-bounces@*"),
        List.of(),
        false,
        DEFAULT_MAX_PER_HOUR);
  }

  /** These settings answering only {@code onlyTo}, with these correspondent patterns. */
  public PolicySettings answeringOnly(ReplyAudience audience, List<String> correspondentPatterns) {
    return new PolicySettings(
        oncePer,
        minInterval,
        maxAge,
        neverReplyTo,
        internalDomains,
        duringOpenHours,
        maxPerHour,
        audience,
        correspondentPatterns);
  }
}
