package io.afterhours.schedule;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Names the strongest reason for a closed window: away beats a holiday, a holiday beats a weekend,
 * a weekend beats a day off, a day off beats the night, and a night is more than a break between
 * two ranges of one day.
 */
final class ClosureExplainer {
  private final ZoneId zone;
  private final WeeklyHours hours;
  private final Function<LocalDate, Optional<String>> holidayOn;
  private final List<AwayPeriod> away;
  private final List<TimedClosure> timedClosures;

  ClosureExplainer(
      ZoneId zone,
      WeeklyHours hours,
      Function<LocalDate, Optional<String>> holidayOn,
      List<AwayPeriod> away,
      List<TimedClosure> timedClosures) {
    this.zone = zone;
    this.hours = hours;
    this.holidayOn = holidayOn;
    this.away = away;
    this.timedClosures = timedClosures;
  }

  /**
   * The reason the office is closed at {@code at}, in the closed window {@code [from, until)}. An
   * away period that is over by {@code at} does not count: the night after a leave that ended early
   * is a night, not the leave.
   */
  ClosedWindow explain(Instant from, Instant until, Instant at) {
    AwayPeriod latestAway = null;
    for (AwayPeriod a : away) {
      if (a.overlaps(from, until)
          && a.until().isAfter(at)
          && (latestAway == null || a.until().isAfter(latestAway.until()))) {
        latestAway = a;
      }
    }
    if (latestAway != null) {
      return new ClosedWindow(
          from, until, ClosureReason.AWAY, latestAway.note(), Optional.of(latestAway));
    }
    Optional<String> holiday = holidayIn(from, until);
    if (holiday.isPresent()) {
      return new ClosedWindow(from, until, ClosureReason.HOLIDAY, holiday.get(), Optional.empty());
    }
    ClosureReason reason = dayOffReason(from, until);
    if (reason == ClosureReason.NIGHT && isBreak(from, until)) {
      reason = ClosureReason.BREAK;
    }
    return new ClosedWindow(from, until, reason, "", Optional.empty());
  }

  /**
   * A break (lunch) ends one range of a day and starts another range of the same day, on that day's
   * date: "08:00-12:00" and "13:00-16:00" leave a break from 12:00 to 13:00. The gap between a
   * night shift ("22:00-06:00") and the next day's morning is a night.
   */
  private boolean isBreak(Instant from, Instant until) {
    var start = from.atZone(zone);
    var end = until.atZone(zone);
    if (!start.toLocalDate().equals(end.toLocalDate())) {
      return false;
    }
    List<TimeRange> ranges = hours.on(start.getDayOfWeek());
    int closes = start.getHour() * 60 + start.getMinute();
    int opens = end.getHour() * 60 + end.getMinute();
    return ranges.stream().anyMatch(r -> !r.crossesMidnight() && r.endMinute() == closes)
        && ranges.stream().anyMatch(r -> r.startMinute() == opens);
  }

  /** A holiday counts only when it took working hours away: a holiday on a Sunday is a Sunday. */
  private Optional<String> holidayIn(Instant from, Instant until) {
    LocalDate last = until.atZone(zone).toLocalDate();
    for (LocalDate d = from.atZone(zone).toLocalDate(); !d.isAfter(last); d = d.plusDays(1)) {
      if (!hours.on(d.getDayOfWeek()).isEmpty()) {
        Optional<String> name = holidayOn.apply(d);
        if (name.isPresent()) {
          return name;
        }
      }
    }
    for (TimedClosure c : timedClosures) {
      if (c.overlaps(from, until)) {
        return Optional.of(c.name());
      }
    }
    return Optional.empty();
  }

  /**
   * Days without working hours make a weekend when one of them is a Saturday or a Sunday, else a
   * day off (the Wednesday of a four-day week); without such a day the window is a night.
   */
  private ClosureReason dayOffReason(Instant from, Instant until) {
    ClosureReason reason = ClosureReason.NIGHT;
    LocalDate last = until.atZone(zone).toLocalDate();
    for (LocalDate d = from.atZone(zone).toLocalDate(); !d.isAfter(last); d = d.plusDays(1)) {
      if (hours.on(d.getDayOfWeek()).isEmpty()) {
        if (d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY) {
          return ClosureReason.WEEKEND;
        }
        reason = ClosureReason.DAY_OFF;
      }
    }
    return reason;
  }
}
