package io.afterhours.schedule;

/** Why the office is closed, from the weakest to the strongest reason. */
public enum ClosureReason {
  /** A gap between two ranges of one day, such as lunch. */
  BREAK,
  /** Outside the ranges of a day that has working hours. */
  NIGHT,
  /** A weekday with no working hours at all, e.g. the Wednesday of a four-day week. */
  DAY_OFF,
  /** Days with no working hours that include a Saturday or a Sunday. */
  WEEKEND,
  /** A public holiday, an extra closed date or an iCalendar event. */
  HOLIDAY,
  /** The owner is away (leave, travel). */
  AWAY;

  /** The lower-case word used in JSON and logs: {@code break}, {@code night}, {@code day-off}, … */
  public String word() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
