package io.afterhours.schedule;

import java.time.LocalDate;
import java.util.Optional;

/**
 * A source of closed days. A holiday closes the working ranges that start on it; ranges of the day
 * before that run past midnight are kept.
 */
public interface HolidayCalendar {

  /** The holiday's name when {@code date} is a holiday in this calendar. */
  Optional<String> holidayOn(LocalDate date);
}
