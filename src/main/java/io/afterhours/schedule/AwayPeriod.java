package io.afterhours.schedule;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A span in which the owner is away. {@code until} is exclusive: the first instant the owner is
 * back (for a period given in whole days, midnight after the last day away).
 *
 * @param template the template to answer with while away (default {@code away})
 * @param note free text shown to senders, e.g. "annual leave"; may be empty
 * @param forwardTo the stand-ins: a client mail that gets a reply in this period is also redirected
 *     to each of them (RFC 5228 redirect: the original intact, with Resent-* fields)
 */
public record AwayPeriod(
    Instant from, Instant until, String template, String note, List<String> forwardTo) {
  public AwayPeriod {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(until, "until");
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(note, "note");
    forwardTo = List.copyOf(forwardTo);
    if (!until.isAfter(from)) {
      throw new IllegalArgumentException(
          "away period ends before it starts: " + from + ".." + until);
    }
  }

  private static final Pattern PLAIN_ADDRESS =
      Pattern.compile("[^@\\s<>\",;]+@[^@\\s<>\",;]+\\.[^@\\s<>\",;]+");

  /** Whether a stand-in is named as a plain address ({@code colleague@example.com}). */
  public static boolean isPlainAddress(String address) {
    return PLAIN_ADDRESS.matcher(address).matches();
  }

  /** A period without stand-ins. */
  public AwayPeriod(Instant from, Instant until, String template, String note) {
    this(from, until, template, note, List.of());
  }

  public boolean contains(Instant t) {
    return !t.isBefore(from) && t.isBefore(until);
  }

  public boolean overlaps(Instant start, Instant end) {
    return from.isBefore(end) && until.isAfter(start);
  }
}
