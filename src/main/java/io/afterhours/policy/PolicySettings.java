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
 */
public record PolicySettings(
    Optional<Duration> oncePer,
    Duration minInterval,
    Duration maxAge,
    List<String> neverReplyTo,
    List<String> internalDomains,
    boolean duringOpenHours) {
  public PolicySettings {
    Objects.requireNonNull(oncePer, "oncePer");
    Objects.requireNonNull(minInterval, "minInterval");
    Objects.requireNonNull(maxAge, "maxAge");
    neverReplyTo = List.copyOf(neverReplyTo);
    internalDomains = List.copyOf(internalDomains);
  }

  public static PolicySettings defaults() {
    return new PolicySettings(
        Optional.empty(),
        Duration.ofHours(12),
        Duration.ofDays(3),
        List.of("*@noreply.*", "no-reply@*", "*-bounces@*"),
        List.of(),
        false);
  }
}
