package io.afterhours.schedule;

/** Why the office is closed, from the weakest to the strongest reason. */
public enum ClosureReason {
  /** Outside the ranges of a day that has working hours. */
  NIGHT,
  /** A day with no working hours at all. */
  WEEKEND,
  /** A public holiday, an extra closed date or an iCalendar event. */
  HOLIDAY,
  /** The owner is away (leave, travel). */
  AWAY;

  /** The lower-case word used in JSON and logs. */
  public String word() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
