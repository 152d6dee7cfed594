package io.afterhours.schedule;

import java.time.Instant;

/** A half-open stretch {@code [open, close)} of working time. */
public record OpenWindow(Instant open, Instant close) {
  public OpenWindow {
    if (!close.isAfter(open)) {
      throw new IllegalArgumentException("empty window " + open + ".." + close);
    }
  }

  public boolean contains(Instant t) {
    return !t.isBefore(open) && t.isBefore(close);
  }
}
