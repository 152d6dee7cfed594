package io.afterhours.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The schedule of one office: weekly hours in a zone, minus holidays, away periods and timed
 * closures.
 *
 * <p>The working ranges of a local day are turned into instants with {@link ZonedDateTime#of}: a
 * local time inside a spring-forward gap moves later by the length of the gap, and an ambiguous
 * local time in a fall-back overlap takes the earlier offset. A holiday closes the ranges that
 * start on it; away periods and timed closures cut exactly the time they cover.
 */
public final class WorkingSchedule implements Schedule {
  /** How far {@link #nextOpeningAt} and {@link #closedWindowAt} look before giving up. */
  static final int HORIZON_DAYS = 5 * 366;

  private final ZoneId zone;
  private final WeeklyHours hours;
  private final List<HolidayCalendar> holidays;
  private final List<AwayPeriod> away;
  private final List<TimedClosure> timedClosures;
  private final DayWindows days;
  private final ClosureExplainer explainer;

  public WorkingSchedule(
      ZoneId zone,
      WeeklyHours hours,
      List<HolidayCalendar> holidays,
      List<AwayPeriod> away,
      List<TimedClosure> timedClosures) {
    this.zone = Objects.requireNonNull(zone, "zone");
    this.hours = Objects.requireNonNull(hours, "hours");
    this.holidays = List.copyOf(holidays);
    this.away = away.stream().sorted(Comparator.comparing(AwayPeriod::from)).toList();
    this.timedClosures = List.copyOf(timedClosures);
    this.days = new DayWindows(zone, hours, this::holidayOn, this::cutsOf);
    this.explainer =
        new ClosureExplainer(zone, hours, this::holidayOn, this.away, this.timedClosures);
  }

  /** Regular hours only: no holidays, no away periods. */
  public static WorkingSchedule of(ZoneId zone, WeeklyHours hours) {
    return new WorkingSchedule(zone, hours, List.of(), List.of(), List.of());
  }

  @Override
  public ZoneId zone() {
    return zone;
  }

  @Override
  public WeeklyHours weeklyHours() {
    return hours;
  }

  public List<AwayPeriod> awayPeriods() {
    return away;
  }

  /**
   * This schedule with {@code more} away periods beside its own: the periods kept in the store (the
   * away switch) added to those of the config file.
   */
  public WorkingSchedule withMoreAway(List<AwayPeriod> more) {
    List<AwayPeriod> all = new ArrayList<>(away);
    all.addAll(more);
    return new WorkingSchedule(zone, hours, holidays, all, timedClosures);
  }

  /** The first holiday name any calendar gives for {@code date}. */
  public Optional<String> holidayOn(LocalDate date) {
    for (HolidayCalendar calendar : holidays) {
      Optional<String> name = calendar.holidayOn(date);
      if (name.isPresent()) {
        return name;
      }
    }
    return Optional.empty();
  }

  @Override
  public boolean isOpenAt(Instant t) {
    LocalDate day = t.atZone(zone).toLocalDate();
    for (LocalDate d = day.minusDays(1); !d.isAfter(day); d = d.plusDays(1)) {
      for (OpenWindow w : days.windowsStartingOn(d)) {
        if (w.contains(t)) {
          return true;
        }
      }
    }
    return false;
  }

  @Override
  public Instant nextOpeningAt(Instant t) {
    LocalDate first = t.atZone(zone).toLocalDate().minusDays(1);
    for (int i = 0; i <= HORIZON_DAYS; i++) {
      for (OpenWindow w : days.windowsStartingOn(first.plusDays(i))) {
        if (w.close().isAfter(t)) {
          return w.open().isAfter(t) ? w.open() : t;
        }
      }
    }
    throw new IllegalStateException(
        "the office never opens in the " + HORIZON_DAYS + " days after " + t);
  }

  @Override
  public Instant respondBy(Instant arrival, Duration responseTime) {
    Instant cursor = nextOpeningAt(arrival);
    Duration remaining = responseTime;
    LocalDate first = cursor.atZone(zone).toLocalDate().minusDays(1);
    for (int i = 0; i <= HORIZON_DAYS; i++) {
      for (OpenWindow w : days.windowsStartingOn(first.plusDays(i))) {
        if (!w.close().isAfter(cursor)) {
          continue;
        }
        Instant start = w.open().isAfter(cursor) ? w.open() : cursor;
        Duration available = Duration.between(start, w.close());
        if (remaining.compareTo(available) <= 0) {
          return start.plus(remaining);
        }
        remaining = remaining.minus(available);
        cursor = w.close();
      }
    }
    throw new IllegalStateException(
        "not enough working time in the " + HORIZON_DAYS + " days after " + arrival);
  }

  @Override
  public Optional<ClosedWindow> closedWindowAt(Instant t) {
    if (isOpenAt(t)) {
      return Optional.empty();
    }
    Instant until = nextOpeningAt(t);
    Instant from = lastClosingAtOrBefore(t);
    return Optional.of(explainer.explain(from, until, t));
  }

  private Instant lastClosingAtOrBefore(Instant t) {
    LocalDate last = t.atZone(zone).toLocalDate();
    for (int i = 0; i <= HORIZON_DAYS; i++) {
      Instant latest = null;
      for (OpenWindow w : days.windowsStartingOn(last.minusDays(i))) {
        if (!w.close().isAfter(t) && (latest == null || w.close().isAfter(latest))) {
          latest = w.close();
        }
      }
      if (latest != null) {
        return latest;
      }
    }
    return last.minusDays(HORIZON_DAYS).atStartOfDay(zone).toInstant();
  }

  @Override
  public List<OpenWindow> openWindows(Instant from, Instant to) {
    List<OpenWindow> merged = new ArrayList<>();
    if (!from.isBefore(to)) {
      return merged;
    }
    LocalDate last = to.atZone(zone).toLocalDate();
    for (LocalDate d = from.atZone(zone).toLocalDate().minusDays(1);
        !d.isAfter(last);
        d = d.plusDays(1)) {
      for (OpenWindow w : days.windowsStartingOn(d)) {
        if (!w.close().isAfter(from) || !w.open().isBefore(to)) {
          continue;
        }
        Instant open = w.open().isBefore(from) ? from : w.open();
        Instant close = w.close().isAfter(to) ? to : w.close();
        appendMerging(merged, new OpenWindow(open, close));
      }
    }
    return merged;
  }

  private static void appendMerging(List<OpenWindow> merged, OpenWindow next) {
    if (!merged.isEmpty()) {
      OpenWindow prev = merged.get(merged.size() - 1);
      if (!next.open().isAfter(prev.close())) {
        Instant close = next.close().isAfter(prev.close()) ? next.close() : prev.close();
        merged.set(merged.size() - 1, new OpenWindow(prev.open(), close));
        return;
      }
    }
    merged.add(next);
  }

  @Override
  public List<ClosedWindow> closures(Instant from, Instant to) {
    List<ClosedWindow> result = new ArrayList<>();
    Instant cursor = from;
    for (OpenWindow w : openWindows(from, to)) {
      if (w.open().isAfter(cursor)) {
        result.add(clipped(cursor, w.open()));
      }
      cursor = w.close();
    }
    if (cursor.isBefore(to)) {
      result.add(clipped(cursor, to));
    }
    return result;
  }

  private ClosedWindow clipped(Instant start, Instant end) {
    ClosedWindow whole = closedWindowAt(start).orElseThrow();
    Instant until = whole.until().isAfter(end) ? end : whole.until();
    return new ClosedWindow(start, until, whole.reason(), whole.label(), whole.away());
  }

  /** The parts of {@code [start, end)} that away periods and timed closures take out. */
  private List<Span> cutsOf(Instant start, Instant end) {
    List<Span> cuts = new ArrayList<>();
    for (AwayPeriod a : away) {
      if (a.overlaps(start, end)) {
        cuts.add(new Span(a.from(), a.until()));
      }
    }
    for (TimedClosure c : timedClosures) {
      if (c.overlaps(start, end)) {
        cuts.add(new Span(c.from(), c.until()));
      }
    }
    return cuts;
  }
}
