package io.afterhours.reply;

import static io.afterhours.reply.ReplyFixtures.JAKARTA;
import static org.assertj.core.api.Assertions.assertThat;

import io.afterhours.policy.MailAddress;
import io.afterhours.policy.ReplyTiming;
import io.afterhours.schedule.ClosedWindow;
import io.afterhours.schedule.ClosureReason;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReplyValuesTest {
  private static final MailAddress RINA = new MailAddress("rina@example.co.id", "Rina Wijaya");

  /** Values for a weekend reply to Rina, whose mail was written in Jakarta time. */
  static ReplyValues values(String language) {
    return values(
        language, RINA, ReplyFixtures.weekendTiming(), Optional.of(ZoneOffset.ofHours(7)));
  }

  static ReplyValues values(
      String language, MailAddress sender, ReplyTiming timing, Optional<ZoneOffset> offset) {
    return ReplyValues.of(
        sender,
        "Penawaran harga",
        ReplyFixtures.IDENTITY.owner(),
        timing,
        offset,
        JAKARTA,
        ReplyFixtures.officeHours(),
        LanguageStyles.forLanguage(language));
  }

  @Test
  void formatsTheNextOpeningAndRespondByInIndonesianWithWib() {
    ReplyValues v = values("id");

    assertThat(v.get("nextOpening")).contains("Senin, 30 November 2026 pukul 08.00 WIB");
    assertThat(v.get("respondBy")).contains("Senin, 30 November 2026 pukul 12.00 WIB");
  }

  @Test
  void formatsTheNextOpeningInEnglishWithA24HourClock() {
    assertThat(values("en").get("nextOpening")).contains("Monday 30 November 2026, 08:00 WIB");
    assertThat(values("en").get("respondBy")).contains("Monday 30 November 2026, 12:00 WIB");
  }

  @Test
  void givesTheSenderTimeOnlyWhenTheSenderIsInAnotherOffset() {
    ReplyValues sameOffset =
        values("id", RINA, ReplyFixtures.weekendTiming(), Optional.of(ZoneOffset.ofHours(7)));
    ReplyValues noDateHeader = values("id", RINA, ReplyFixtures.weekendTiming(), Optional.empty());
    ReplyValues berlin =
        values("id", RINA, ReplyFixtures.weekendTiming(), Optional.of(ZoneOffset.ofHours(1)));

    assertThat(sameOffset.get("nextOpeningSenderTime")).isEmpty();
    assertThat(noDateHeader.get("nextOpeningSenderTime")).isEmpty();
    assertThat(berlin.get("nextOpeningSenderTime"))
        .contains("Senin, 30 November 2026 pukul 02.00 UTC+01:00");
  }

  @Test
  void writesTheSenderTimeInEnglishForEnglishTemplates() {
    ReplyValues v =
        values("en", RINA, ReplyFixtures.weekendTiming(), Optional.of(ZoneOffset.ofHours(-5)));

    assertThat(v.get("nextOpeningSenderTime")).contains("Sunday 29 November 2026, 20:00 UTC-05:00");
  }

  @Test
  void saysWhyTheOfficeIsClosedInTheTemplateLanguage() {
    assertThat(values("id").get("closedBecause")).contains("akhir pekan");
    assertThat(values("en").get("closedBecause")).contains("the weekend");
    assertThat(closedBecause("id", ClosureReason.NIGHT, "")).isEqualTo("di luar jam kerja");
    assertThat(closedBecause("id", ClosureReason.DAY_OFF, ""))
        .isEqualTo("hari libur mingguan kami");
    assertThat(closedBecause("en", ClosureReason.DAY_OFF, "")).isEqualTo("our day off");
    assertThat(closedBecause("en", ClosureReason.NIGHT, "")).isEqualTo("outside working hours");
    assertThat(closedBecause("en", ClosureReason.BREAK, "")).isEqualTo("a break");
    assertThat(closedBecause("id", ClosureReason.BREAK, "")).isEqualTo("istirahat");
    assertThat(closedBecause("id", ClosureReason.HOLIDAY, "Natal")).isEqualTo("Natal");
    assertThat(closedBecause("en", ClosureReason.HOLIDAY, "")).isEqualTo("a public holiday");
  }

  private static String closedBecause(String language, ClosureReason reason, String label) {
    ClosedWindow w =
        new ClosedWindow(
            ReplyFixtures.ARRIVAL, ReplyFixtures.NEXT_OPENING, reason, label, Optional.empty());
    return values(language, RINA, ReplyFixtures.timing(w), Optional.empty())
        .get("closedBecause")
        .orElseThrow();
  }

  @Test
  void hasNoClosedBecauseWhenAnsweringDuringOpenHours() {
    ReplyTiming open =
        new ReplyTiming(Optional.empty(), ReplyFixtures.ARRIVAL, ReplyFixtures.RESPOND_BY);

    assertThat(values("en", RINA, open, Optional.empty()).get("closedBecause")).isEmpty();
  }

  @Test
  void givesAwayValuesOnlyForAnAwayPeriod() {
    ReplyValues away =
        values("id", RINA, ReplyFixtures.awayTiming("away", "cuti tahunan"), Optional.empty());

    assertThat(away.get("away.note")).contains("cuti tahunan");
    assertThat(away.get("away.until")).contains("Senin, 30 November 2026 pukul 00.00 WIB");
    assertThat(away.get("closedBecause")).contains("cuti tahunan");
    assertThat(values("id").get("away.note")).isEmpty();
  }

  @Test
  void greetsASenderWithoutDisplayNamePolitelyRatherThanByLocalPart() {
    MailAddress bare = MailAddress.of("js1984@example.com");

    assertThat(
            values("id", bare, ReplyFixtures.weekendTiming(), Optional.empty()).get("sender.name"))
        .contains("Bapak/Ibu");
    assertThat(
            values("en", bare, ReplyFixtures.weekendTiming(), Optional.empty()).get("sender.name"))
        .contains("Sir or Madam");
    assertThat(values("en").get("sender.name")).contains("Rina Wijaya");
    assertThat(values("en").get("sender.address")).contains("rina@example.co.id");
  }

  @Test
  void tablesTheWeeklyHoursWithEqualDaysGrouped() {
    assertThat(values("id").get("hoursTable"))
        .contains("Senin–Jumat: 08.00–12.00, 13.00–16.00\nSabtu–Minggu: tutup");
    assertThat(values("en").get("hoursTable"))
        .contains("Monday–Friday: 08:00–12:00, 13:00–16:00\nSaturday–Sunday: closed");
  }

  @Test
  void usesEnglishPatternsWithTheLocalNamesForAnUnknownLanguage() {
    assertThat(values("de").get("nextOpening")).contains("Montag 30 November 2026, 08:00 WIB");
  }
}
