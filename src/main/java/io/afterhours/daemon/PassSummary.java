package io.afterhours.daemon;

/** What one pass did: messages read, replies sent, messages left alone, failures. */
public record PassSummary(int seen, int replied, int skipped, int failed) {
  public static final PassSummary EMPTY = new PassSummary(0, 0, 0, 0);

  /** For the log line that ends a pass. */
  @Override
  public String toString() {
    return seen + " new, " + replied + " replied, " + skipped + " skipped, " + failed + " failed";
  }

  public PassSummary plus(PassSummary other) {
    return new PassSummary(
        seen + other.seen, replied + other.replied, skipped + other.skipped, failed + other.failed);
  }
}
