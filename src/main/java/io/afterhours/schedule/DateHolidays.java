package io.afterhours.schedule;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Holidays given as explicit dates, date ranges, or month-days that recur every year. */
public final class DateHolidays implements HolidayCalendar {

  /** One configured entry: a range of dates, or a day of the year. */
  public sealed interface Entry permits DateRange, Yearly {
    Optional<String> nameOn(LocalDate date);
  }

  /** The days {@code from} to {@code to}, both included. */
  public record DateRange(LocalDate from, LocalDate to, String name) implements Entry {
    public DateRange {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
      Objects.requireNonNull(name, "name");
      if (to.isBefore(from)) {
        throw new IllegalArgumentException("range ends before it starts: " + from + ".." + to);
      }
    }

    @Override
    public Optional<String> nameOn(LocalDate date) {
      return date.isBefore(from) || date.isAfter(to) ? Optional.empty() : Optional.of(name);
    }
  }

  /** The same day every year, e.g. {@code --08-17}. */
  public record Yearly(MonthDay day, String name) implements Entry {
    public Yearly {
      Objects.requireNonNull(day, "day");
      Objects.requireNonNull(name, "name");
    }

    @Override
    public Optional<String> nameOn(LocalDate date) {
      return MonthDay.from(date).equals(day) ? Optional.of(name) : Optional.empty();
    }
  }

  private final List<Entry> entries;

  public DateHolidays(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  public List<Entry> entries() {
    return entries;
  }

  @Override
  public Optional<String> holidayOn(LocalDate date) {
    for (Entry entry : entries) {
      Optional<String> name = entry.nameOn(date);
      if (name.isPresent()) {
        return name;
      }
    }
    return Optional.empty();
  }
}
