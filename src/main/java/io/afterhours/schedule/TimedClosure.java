package io.afterhours.schedule;

import java.time.Instant;
import java.util.Objects;

/** A closure with exact start and end (a timed iCalendar event); {@code until} is exclusive. */
public record TimedClosure(Instant from, Instant until, String name) {
  public TimedClosure {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(until, "until");
    Objects.requireNonNull(name, "name");
    if (!until.isAfter(from)) {
      throw new IllegalArgumentException("closure ends before it starts: " + from + ".." + until);
    }
  }

  boolean overlaps(Instant start, Instant end) {
    return from.isBefore(end) && until.isAfter(start);
  }
}
