package io.afterhours.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A mailbox's schedule while the daemon runs: the configured one, plus the away periods kept in the
 * store (the away switch), which may change without a restart. {@link #keep} swaps the kept periods
 * in whole; every question in between is answered by one consistent schedule. Pure: the caller
 * reads the periods (once per pass) and hands them over as values.
 */
public final class LiveSchedule implements Schedule {
  private final WorkingSchedule configured;
  private volatile List<AwayPeriod> kept = List.of();
  private volatile WorkingSchedule current;

  public LiveSchedule(WorkingSchedule configured) {
    this.configured = Objects.requireNonNull(configured, "configured");
    this.current = configured;
  }

  /** The schedule of the config file alone. */
  public WorkingSchedule configured() {
    return configured;
  }

  /** The away periods kept in the store now in force, beside the configured ones. */
  public List<AwayPeriod> kept() {
    return kept;
  }

  /** The configured and the kept away periods, by start. */
  public List<AwayPeriod> awayPeriods() {
    return current.awayPeriods();
  }

  /**
   * From now on, {@code periods} are the kept away periods (replacing those kept before).
   *
   * @return true when they differ from those kept before
   */
  public boolean keep(List<AwayPeriod> periods) {
    List<AwayPeriod> next = List.copyOf(periods);
    synchronized (this) {
      if (next.equals(kept)) {
        return false;
      }
      current = configured.withMoreAway(next);
      kept = next;
      return true;
    }
  }

  @Override
  public ZoneId zone() {
    return current.zone();
  }

  @Override
  public boolean isOpenAt(Instant t) {
    return current.isOpenAt(t);
  }

  @Override
  public Instant nextOpeningAt(Instant t) {
    return current.nextOpeningAt(t);
  }

  @Override
  public Instant respondBy(Instant arrival, Duration responseTime) {
    return current.respondBy(arrival, responseTime);
  }

  @Override
  public Optional<ClosedWindow> closedWindowAt(Instant t) {
    return current.closedWindowAt(t);
  }

  @Override
  public List<OpenWindow> openWindows(Instant from, Instant to) {
    return current.openWindows(from, to);
  }

  @Override
  public List<ClosedWindow> closures(Instant from, Instant to) {
    return current.closures(from, to);
  }

  @Override
  public WeeklyHours weeklyHours() {
    return current.weeklyHours();
  }
}
