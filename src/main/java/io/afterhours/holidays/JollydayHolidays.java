package io.afterhours.holidays;

import de.focus_shift.jollyday.core.Holiday;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.ManagerParameters;
import io.afterhours.schedule.HolidayCalendar;
import java.time.LocalDate;
import java.time.Year;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Public holidays from Jollyday for a country (and optional region), named in the office's
 * language. Each year is computed once.
 */
public final class JollydayHolidays implements HolidayCalendar {
  private final HolidayManager manager;
  private final String[] region;
  private final Locale locale;
  private final Map<Integer, Map<LocalDate, String>> byYear = new ConcurrentHashMap<>();

  private JollydayHolidays(HolidayManager manager, String region, Locale locale) {
    this.manager = manager;
    this.region =
        region.isBlank() ? new String[0] : region.trim().toLowerCase(Locale.ROOT).split("/");
    this.locale = locale;
  }

  /** Holidays of a country Jollyday knows, such as "de" or "us". */
  public static JollydayHolidays forCountry(String country, String region, Locale locale) {
    return new JollydayHolidays(
        HolidayManager.getInstance(ManagerParameters.create(country.toLowerCase(Locale.ROOT))),
        region,
        locale);
  }

  /** Lower-case country codes Jollyday has calendars for. */
  public static Set<String> supportedCountries() {
    Set<String> codes = new TreeSet<>();
    for (String code : HolidayManager.getSupportedCalendarCodes()) {
      codes.add(code.toLowerCase(Locale.ROOT));
    }
    return codes;
  }

  @Override
  public Optional<String> holidayOn(LocalDate date) {
    return Optional.ofNullable(byYear.computeIfAbsent(date.getYear(), this::load).get(date));
  }

  private Map<LocalDate, String> load(int year) {
    Map<LocalDate, String> days = new ConcurrentHashMap<>();
    for (Holiday holiday : manager.getHolidays(Year.of(year), region)) {
      days.putIfAbsent(holiday.getActualDate(), holiday.getDescription(locale));
    }
    return days;
  }
}
