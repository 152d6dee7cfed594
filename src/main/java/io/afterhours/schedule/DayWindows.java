package io.afterhours.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The open windows whose range starts on one local day, after holidays and cuts. Results are cached
 * per day: the schedule is immutable and the same few days are asked about for every message.
 */
final class DayWindows {
  private static final int CACHE_LIMIT = 4096;

  private final ZoneId zone;
  private final WeeklyHours hours;
  private final Function<LocalDate, Optional<String>> holidayOn;
  private final BiFunction<Instant, Instant, List<Span>> cutsOf;
  private final Map<LocalDate, List<OpenWindow>> cache = new ConcurrentHashMap<>();

  DayWindows(
      ZoneId zone,
      WeeklyHours hours,
      Function<LocalDate, Optional<String>> holidayOn,
      BiFunction<Instant, Instant, List<Span>> cutsOf) {
    this.zone = zone;
    this.hours = hours;
    this.holidayOn = holidayOn;
    this.cutsOf = cutsOf;
  }

  /** Open windows of the ranges that start on {@code day}, in start order. */
  List<OpenWindow> windowsStartingOn(LocalDate day) {
    List<OpenWindow> cached = cache.get(day);
    if (cached != null) {
      return cached;
    }
    List<OpenWindow> computed = compute(day);
    if (cache.size() >= CACHE_LIMIT) {
      cache.clear();
    }
    cache.put(day, computed);
    return computed;
  }

  private List<OpenWindow> compute(LocalDate day) {
    List<TimeRange> ranges = hours.on(day.getDayOfWeek());
    if (ranges.isEmpty() || holidayOn.apply(day).isPresent()) {
      return List.of();
    }
    List<OpenWindow> windows = new ArrayList<>();
    for (TimeRange range : ranges) {
      Instant open =
          ZonedDateTime.of(day.atStartOfDay().plusMinutes(range.startMinute()), zone).toInstant();
      Instant close =
          ZonedDateTime.of(day.atStartOfDay().plusMinutes(range.endOffsetMinutes()), zone)
              .toInstant();
      if (close.isAfter(open)) {
        windows.addAll(cut(open, close));
      }
    }
    windows.sort(Comparator.comparing(OpenWindow::open));
    return List.copyOf(windows);
  }

  private List<OpenWindow> cut(Instant open, Instant close) {
    List<OpenWindow> pieces = new ArrayList<>(List.of(new OpenWindow(open, close)));
    for (Span span : cutsOf.apply(open, close)) {
      List<OpenWindow> next = new ArrayList<>();
      for (OpenWindow piece : pieces) {
        if (span.from().isAfter(piece.open())) {
          Instant end = span.from().isBefore(piece.close()) ? span.from() : piece.close();
          next.add(new OpenWindow(piece.open(), end));
        }
        if (span.until().isBefore(piece.close())) {
          Instant start = span.until().isAfter(piece.open()) ? span.until() : piece.open();
          next.add(new OpenWindow(start, piece.close()));
        }
      }
      pieces = next;
    }
    return pieces;
  }
}
