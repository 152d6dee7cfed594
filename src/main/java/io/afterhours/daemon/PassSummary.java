package io.afterhours.daemon;

/**
 * What one pass did: messages read, replies sent, messages left alone, failures tried again on a
 * later pass (an SMTP 4xx, a server that could not be reached), and failures for good (an SMTP 5xx
 * such as "user unknown", an address no server takes, a reply that cannot be built: recorded once
 * and not retried; not a sign that a server is down).
 */
public record PassSummary(int seen, int replied, int skipped, int failed, int rejected) {
  public static final PassSummary EMPTY = new PassSummary(0, 0, 0, 0, 0);

  /** For the log line that ends a pass. */
  @Override
  public String toString() {
    String text =
        seen + " new, " + replied + " replied, " + skipped + " skipped, " + failed + " failed";
    return rejected == 0 ? text : text + ", " + rejected + " failed for good";
  }

  public PassSummary plus(PassSummary other) {
    return new PassSummary(
        seen + other.seen,
        replied + other.replied,
        skipped + other.skipped,
        failed + other.failed,
        rejected + other.rejected);
  }
}
