package io.afterhours.sieve;

import static org.assertj.core.api.Assertions.assertThat;

import io.afterhours.config.MailboxSettings;
import io.afterhours.reply.LanguageStyles;
import io.afterhours.schedule.Schedule;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SievePlannerTest {
  private static final long SEED = Long.getLong("afterhours.seed", 20261127L);

  @TempDir Path dir;

  private static SievePlan plan(MailboxSettings mailbox, Instant from) {
    return new SievePlanner(mailbox, SieveConfigs.templates(mailbox)).plan(from);
  }

  @Test
  void aReplyIsDueExactlyWhenTheDaemonFindsTheOfficeClosedWithItsNextOpeningAndRespondBy() {
    System.out.println("SievePlannerTest seed=" + SEED);
    Instant from = SieveConfigs.FRIDAY_AFTERNOON;
    MailboxSettings mailbox = SieveConfigs.mailbox(SieveConfigs.SAMPLE, from);
    Schedule schedule = mailbox.office().schedule();
    ZoneId zone = schedule.zone();
    var style = LanguageStyles.forLanguage("id");
    SievePlan plan = plan(mailbox, from);
    Random random = new Random(SEED);
    long year = Duration.between(plan.validFrom(), plan.validUntil()).getSeconds();

    for (int i = 0; i < 2000; i++) {
      Instant t = plan.validFrom().plusSeconds((long) (random.nextDouble() * year));
      String context = "seed=" + SEED + " t=" + t;
      var window = plan.windowAt(t);
      assertThat(window.isPresent()).as(context).isEqualTo(!schedule.isOpenAt(t));
      window.ifPresent(
          w -> {
            assertThat(w.values())
                .as(context)
                .containsEntry("ah_next_id", style.dateTime(schedule.nextOpeningAt(t), zone))
                .containsEntry(
                    "ah_by_id",
                    style.dateTime(schedule.respondBy(t, mailbox.office().responseTime()), zone));
            assertThat(w.kind())
                .as(context)
                .startsWith(schedule.closedWindowAt(t).orElseThrow().reason().word());
          });
    }
  }

  @Test
  void theWindowsCoverOneYearFromTheInstantGivenInTheConfiguredZone() {
    Instant from = SieveConfigs.FRIDAY_AFTERNOON;
    SievePlan plan = plan(SieveConfigs.mailbox(SieveConfigs.SAMPLE, from), from);

    assertThat(plan.validFrom()).isEqualTo(from);
    assertThat(plan.validUntil()).isEqualTo(Instant.parse("2027-11-27T06:00:00Z"));
    assertThat(plan.windows().get(0).from()).isEqualTo(Instant.parse("2026-11-27T09:00:00Z"));
    assertThat(plan.windows().get(plan.windows().size() - 1).until())
        .isBeforeOrEqualTo(plan.validUntil());
    // Two closed windows a working day (lunch, evening), fewer for weekends and holidays.
    assertThat(plan.windows()).hasSizeBetween(480, 530);
  }

  @Test
  void windowsWhoseRepliesDifferOnlyInTheirTimesShareOneReply() {
    Instant from = SieveConfigs.FRIDAY_AFTERNOON;
    SievePlan plan = plan(SieveConfigs.mailbox(SieveConfigs.SAMPLE, from), from);

    assertThat(plan.windows().stream().map(SievePlan.Window::kind).distinct())
        .contains("night", "weekend", "holiday-hari-raya-natal");
    // night, weekend, and the holidays of the sample that fall on working days
    assertThat(plan.replies()).hasSizeLessThan(10);
  }

  @Test
  void theVacationPeriodIsTheLongerOfMinIntervalAndOncePerAndADayWithoutEither() {
    var defaults = io.afterhours.policy.PolicySettings.defaults();
    assertThat(SievePlanner.replyPeriod(defaults)).isEqualTo(Duration.ofHours(12));
    var fourDays =
        new io.afterhours.policy.PolicySettings(
            java.util.Optional.of(Duration.ofDays(4)),
            Duration.ofHours(12),
            Duration.ofDays(3),
            java.util.List.of(),
            java.util.List.of(),
            false,
            100);
    assertThat(SievePlanner.replyPeriod(fourDays)).isEqualTo(Duration.ofDays(4));
    var none =
        new io.afterhours.policy.PolicySettings(
            java.util.Optional.empty(),
            Duration.ZERO,
            Duration.ofDays(3),
            java.util.List.of(),
            java.util.List.of(),
            false,
            100);
    assertThat(SievePlanner.replyPeriod(none)).isEqualTo(Duration.ofDays(1));
  }

  @Test
  void withDuringOpenHoursTheOpenWindowsGetTheOpenTemplateAndALateEnoughRespondBy() {
    Path config =
        SieveConfigs.write(
            dir,
            "zone = \"Asia/Jakarta\", language = \"en\"\n" + "reply.during-open-hours = true\n");
    Instant from = SieveConfigs.FRIDAY_AFTERNOON;
    MailboxSettings mailbox = SieveConfigs.mailbox(config, from);
    SievePlan plan = plan(mailbox, from);
    Schedule schedule = mailbox.office().schedule();

    SievePlan.Window open = plan.windowAt(from).orElseThrow();
    assertThat(open.kind()).isEqualTo("open");
    // Open until 17:00 Jakarta; the promise is that of mail arriving just before it.
    Instant lastArrival = Instant.parse("2026-11-27T09:59:59Z");
    assertThat(open.values())
        .containsEntry(
            "ah_by_en",
            LanguageStyles.forLanguage("en")
                .dateTime(
                    schedule.respondBy(lastArrival, mailbox.office().responseTime()),
                    schedule.zone()));
    assertThat(plan.replies()).anySatisfy(r -> assertThat(r.reply().template()).isEqualTo("open"));
  }
}
