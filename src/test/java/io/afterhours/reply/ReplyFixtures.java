package io.afterhours.reply;

import io.afterhours.policy.Decision;
import io.afterhours.policy.Headers;
import io.afterhours.policy.MailAddress;
import io.afterhours.policy.MailboxIdentity;
import io.afterhours.policy.MessageFacts;
import io.afterhours.policy.ReplyTiming;
import io.afterhours.policy.Situation;
import io.afterhours.schedule.AwayPeriod;
import io.afterhours.schedule.ClosedWindow;
import io.afterhours.schedule.ClosureReason;
import io.afterhours.schedule.OpenWindow;
import io.afterhours.schedule.Schedule;
import io.afterhours.schedule.TimeRange;
import io.afterhours.schedule.WeeklyHours;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Shared values for the reply tests: an office in Jakarta that opens Monday 30 November 2026. */
final class ReplyFixtures {
  static final ZoneId JAKARTA = ZoneId.of("Asia/Jakarta");

  /** Monday 30 November 2026, 08:00 WIB. */
  static final Instant NEXT_OPENING = Instant.parse("2026-11-30T01:00:00Z");

  /** Monday 30 November 2026, 12:00 WIB. */
  static final Instant RESPOND_BY = Instant.parse("2026-11-30T05:00:00Z");

  /** Saturday 28 November 2026, 21:15 WIB. */
  static final Instant ARRIVAL = Instant.parse("2026-11-28T14:15:00Z");

  static final Instant REPLY_AT = ARRIVAL.plusSeconds(90);

  static final MailboxIdentity IDENTITY =
      new MailboxIdentity("work", new MailAddress("budi@kantor.co.id", "Budi Santoso"), List.of());

  private ReplyFixtures() {}

  /** Monday to Friday 08:00–12:00 and 13:00–16:00; closed at the weekend. */
  static WeeklyHours officeHours() {
    Map<DayOfWeek, List<TimeRange>> hours = new EnumMap<>(DayOfWeek.class);
    for (DayOfWeek day :
        List.of(
            DayOfWeek.MONDAY,
            DayOfWeek.TUESDAY,
            DayOfWeek.WEDNESDAY,
            DayOfWeek.THURSDAY,
            DayOfWeek.FRIDAY)) {
      hours.put(
          day,
          List.of(
              TimeRange.parse("08:00-12:00").orElseThrow(),
              TimeRange.parse("13:00-16:00").orElseThrow()));
    }
    return new WeeklyHours(hours);
  }

  static Schedule schedule() {
    return new FixedHoursSchedule(JAKARTA, officeHours());
  }

  static ReplyTiming weekendTiming() {
    return timing(
        new ClosedWindow(
            Instant.parse("2026-11-27T09:00:00Z"),
            NEXT_OPENING,
            ClosureReason.WEEKEND,
            "",
            Optional.empty()));
  }

  static ReplyTiming timing(ClosedWindow window) {
    return new ReplyTiming(Optional.of(window), NEXT_OPENING, RESPOND_BY);
  }

  static ReplyTiming awayTiming(String template, String note) {
    AwayPeriod away =
        new AwayPeriod(
            Instant.parse("2026-11-20T17:00:00Z"),
            Instant.parse("2026-11-29T17:00:00Z"),
            template,
            note);
    return timing(
        new ClosedWindow(away.from(), NEXT_OPENING, ClosureReason.AWAY, note, Optional.of(away)));
  }

  static Decision.Reply reply(MailAddress to, Situation situation, ReplyTiming timing) {
    return new Decision.Reply(to, situation, timing);
  }

  static MessageFacts message(MailAddress from, String subject, Optional<ZoneOffset> sentOffset) {
    return message(from, subject, sentOffset, "<m1@example.org>", List.of());
  }

  static MessageFacts message(
      MailAddress from,
      String subject,
      Optional<ZoneOffset> sentOffset,
      String messageId,
      List<String> references) {
    return new MessageFacts(
        messageId,
        ARRIVAL,
        false,
        Optional.of(MailAddress.of(from.address())),
        List.of(from),
        Optional.empty(),
        List.of(IDENTITY.owner()),
        subject,
        List.of(),
        references,
        sentOffset,
        Headers.empty());
  }

  /**
   * A schedule that knows only its zone and weekly hours, which is all the reply package asks of
   * it; the timing arrives already computed in the decision.
   */
  record FixedHoursSchedule(ZoneId zone, WeeklyHours weeklyHours) implements Schedule {
    @Override
    public boolean isOpenAt(Instant t) {
      throw new UnsupportedOperationException("the reply package does not ask this");
    }

    @Override
    public Instant nextOpeningAt(Instant t) {
      throw new UnsupportedOperationException("the reply package does not ask this");
    }

    @Override
    public Instant respondBy(Instant arrival, Duration responseTime) {
      throw new UnsupportedOperationException("the reply package does not ask this");
    }

    @Override
    public Optional<ClosedWindow> closedWindowAt(Instant t) {
      throw new UnsupportedOperationException("the reply package does not ask this");
    }

    @Override
    public List<OpenWindow> openWindows(Instant from, Instant to) {
      throw new UnsupportedOperationException("the reply package does not ask this");
    }

    @Override
    public List<ClosedWindow> closures(Instant from, Instant to) {
      throw new UnsupportedOperationException("the reply package does not ask this");
    }
  }
}
