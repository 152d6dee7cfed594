package io.afterhours.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * Working time: when the office is open, when it opens next, and by when the owner answers. All
 * methods are pure functions of their arguments; no method reads a clock.
 *
 * <p>Local times are mapped to instants as {@link java.time.ZonedDateTime#of} does: a time in a
 * spring-forward gap moves later by the length of the gap, an ambiguous time in a fall-back overlap
 * takes the earlier offset.
 */
public interface Schedule {

  ZoneId zone();

  boolean isOpenAt(Instant t);

  /**
   * The earliest instant at or after {@code t} at which the office is open ({@code t} itself when
   * open).
   *
   * @throws IllegalStateException when the office never opens within the search horizon (years)
   */
  Instant nextOpeningAt(Instant t);

  /**
   * The next opening at or after {@code arrival} plus {@code responseTime}, counted only in open
   * time, across nights, weekends, holidays and away periods.
   */
  Instant respondBy(Instant arrival, Duration responseTime);

  /** The closed window that contains {@code t}, with its reason; empty when open at {@code t}. */
  Optional<ClosedWindow> closedWindowAt(Instant t);

  /** The open windows that overlap {@code [from, to)}, clipped to it, adjacent ones merged. */
  List<OpenWindow> openWindows(Instant from, Instant to);

  /** The closed windows that overlap {@code [from, to)}, clipped to it, each with its reason. */
  List<ClosedWindow> closures(Instant from, Instant to);

  /** The weekly hours, for the {@code hoursTable} template value. */
  WeeklyHours weeklyHours();
}
