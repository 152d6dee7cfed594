package io.afterhours.holidays;

import io.afterhours.schedule.DateHolidays;
import io.afterhours.schedule.TimedClosure;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Period;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Summary;

/**
 * Reads closures from an iCalendar (.ics) file: every all-day event closes its days, every timed
 * event closes its span. Recurring events (RRULE) are expanded over a horizon of years.
 */
public final class IcalHolidays {

  /** What one file closes. */
  public record Closures(DateHolidays allDay, List<TimedClosure> timed) {}

  /** The file could not be read; {@code line} is -1 when unknown. */
  public static final class IcalException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int line;

    IcalException(String message, int line, Throwable cause) {
      super(message, cause);
      this.line = line;
    }

    public int line() {
      return line;
    }
  }

  private IcalHolidays() {}

  /**
   * Reads {@code file}; floating times are read in {@code zone}; recurrences are expanded from
   * {@code from} to {@code to}.
   */
  public static Closures load(Path file, ZoneId zone, LocalDate from, LocalDate to)
      throws IcalException {
    Calendar calendar = parse(file);
    List<DateHolidays.Entry> days = new ArrayList<>();
    List<TimedClosure> timed = new ArrayList<>();
    for (VEvent event : calendar.<VEvent>getComponents(Component.VEVENT)) {
      Summary summary = event.getSummary();
      String name = summary == null ? "" : summary.getValue();
      Temporal start = event.getStartDate().map(d -> (Temporal) d.getDate()).orElse(null);
      if (start == null) {
        continue;
      }
      if (start instanceof LocalDate) {
        for (Period<LocalDate> p : occurrences(event, new Period<>(from, to))) {
          LocalDate last =
              p.getEnd().isAfter(p.getStart()) ? p.getEnd().minusDays(1) : p.getStart();
          days.add(new DateHolidays.DateRange(p.getStart(), last, name));
        }
      } else {
        ZonedDateTime rangeStart = from.atStartOfDay(zone);
        ZonedDateTime rangeEnd = to.atStartOfDay(zone);
        for (Period<ZonedDateTime> p : occurrences(event, new Period<>(rangeStart, rangeEnd))) {
          Instant s = instant(p.getStart(), zone);
          Instant e = instant(p.getEnd(), zone);
          if (e.isAfter(s)) {
            timed.add(new TimedClosure(s, e, name));
          }
        }
      }
    }
    return new Closures(new DateHolidays(days), timed);
  }

  @SuppressWarnings("unchecked")
  private static <T extends Temporal> Set<Period<T>> occurrences(VEvent event, Period<T> range) {
    return event.<T>calculateRecurrenceSet((Period<T>) range);
  }

  private static Instant instant(Temporal t, ZoneId zone) {
    if (t instanceof ZonedDateTime z) {
      return z.toInstant();
    }
    if (t instanceof OffsetDateTime o) {
      return o.toInstant();
    }
    if (t instanceof Instant i) {
      return i;
    }
    if (t instanceof LocalDateTime l) {
      return l.atZone(zone).toInstant();
    }
    return LocalDate.from(t).atStartOfDay(zone).toInstant();
  }

  private static Calendar parse(Path file) throws IcalException {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return new CalendarBuilder().build(reader);
    } catch (ParserException e) {
      throw new IcalException("is not a valid iCalendar file: " + e.getMessage(), e.getLineNo(), e);
    } catch (IOException e) {
      throw new IcalException("cannot be read: " + e.getMessage(), -1, e);
    } catch (RuntimeException e) {
      throw new IcalException("is not a valid iCalendar file: " + e.getMessage(), -1, e);
    }
  }
}
