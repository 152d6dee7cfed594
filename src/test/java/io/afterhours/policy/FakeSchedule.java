package io.afterhours.policy;

import io.afterhours.schedule.ClosedWindow;
import io.afterhours.schedule.OpenWindow;
import io.afterhours.schedule.Schedule;
import io.afterhours.schedule.WeeklyHours;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A schedule that is open always except in the given closed windows, so that a test states the
 * closures it cares about and nothing else. The owner answers {@code responseTime} after the next
 * opening (the fake does not count across later closures).
 */
final class FakeSchedule implements Schedule {
  private final List<ClosedWindow> closed;

  FakeSchedule(ClosedWindow... closed) {
    this.closed = List.of(closed);
  }

  @Override
  public ZoneId zone() {
    return ZoneOffset.UTC;
  }

  @Override
  public boolean isOpenAt(Instant t) {
    return closedWindowAt(t).isEmpty();
  }

  @Override
  public Instant nextOpeningAt(Instant t) {
    return closedWindowAt(t).map(ClosedWindow::until).orElse(t);
  }

  @Override
  public Instant respondBy(Instant arrival, Duration responseTime) {
    return nextOpeningAt(arrival).plus(responseTime);
  }

  @Override
  public Optional<ClosedWindow> closedWindowAt(Instant t) {
    return closed.stream().filter(w -> w.contains(t)).findFirst();
  }

  @Override
  public List<OpenWindow> openWindows(Instant from, Instant to) {
    throw new UnsupportedOperationException("the reply policy does not list open windows");
  }

  @Override
  public List<ClosedWindow> closures(Instant from, Instant to) {
    return closed.stream().filter(w -> w.from().isBefore(to) && w.until().isAfter(from)).toList();
  }

  @Override
  public WeeklyHours weeklyHours() {
    return new WeeklyHours(Map.of());
  }
}
