package io.afterhours.reply;

import static io.afterhours.reply.ReplyFixtures.IDENTITY;
import static io.afterhours.reply.ReplyFixtures.REPLY_AT;
import static org.assertj.core.api.Assertions.assertThat;

import io.afterhours.policy.MailAddress;
import io.afterhours.policy.MessageFacts;
import io.afterhours.policy.ReplyTiming;
import io.afterhours.policy.Situation;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ReplyComposerTest {
  private static final MailAddress RINA = new MailAddress("rina@mitra.co.id", "Rina Wijaya");
  private static final MailAddress JOHN = new MailAddress("john@partner.com", "John Miller");
  private static final MessageIdGenerator FIXED_IDS =
      (domain, at) -> "<afterhours.test@" + domain + ">";

  private static final String AFTER_HOURS_ID =
      """
      Subject: Balasan otomatis: {{original.subject}}

      Yth. {{sender.name}},
      Kami kembali pada {{nextOpening}}{{#nextOpeningSenderTime}} ({{nextOpeningSenderTime}} waktu Anda){{/nextOpeningSenderTime}}.
      """;

  private static final String AFTER_HOURS_EN =
      """
      Subject: Auto-reply: {{original.subject}}

      Dear {{sender.name}}, we are back on {{nextOpening}}.
      """;

  private static Map<String, String> templates(String... extra) {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("after-hours.id.txt", AFTER_HOURS_ID);
    files.put("after-hours.en.txt", AFTER_HOURS_EN);
    for (int i = 0; i < extra.length; i += 2) {
      files.put(extra[i], extra[i + 1]);
    }
    return files;
  }

  private static ReplyComposer composer(Map<String, String> files, TemplateChoice choice) {
    return new ReplyComposer(TemplateCatalog.fromFiles(files, "id"), choice, FIXED_IDS);
  }

  private static ReplyComposer composer(Map<String, String> files) {
    return composer(files, TemplateChoice.defaults());
  }

  private static ReplyComposer composer(String... extra) {
    return composer(templates(extra), TemplateChoice.defaults());
  }

  private static OutgoingReply compose(
      ReplyComposer composer, MessageFacts original, Situation situation, ReplyTiming timing) {
    return composer.compose(
        original,
        IDENTITY,
        ReplyFixtures.reply(original.from().get(0), situation, timing),
        ReplyFixtures.schedule(),
        REPLY_AT);
  }

  private static OutgoingReply afterHours(ReplyComposer composer, MessageFacts original) {
    return compose(composer, original, Situation.AFTER_HOURS, ReplyFixtures.weekendTiming());
  }

  @Test
  void rendersTheIndonesianReplyWithWibTimes() {
    MessageFacts original =
        ReplyFixtures.message(RINA, "Penawaran harga", Optional.of(ZoneOffset.ofHours(7)));

    OutgoingReply reply = afterHours(composer(), original);

    assertThat(reply.subject()).isEqualTo("Balasan otomatis: Penawaran harga");
    assertThat(reply.text())
        .isEqualTo(
            "Yth. Rina Wijaya,\nKami kembali pada Senin, 30 November 2026 pukul 08.00 WIB.\n");
    assertThat(reply.template()).isEqualTo("after-hours");
    assertThat(reply.language()).isEqualTo("id");
    assertThat(reply.mailbox()).isEqualTo("work");
    assertThat(reply.from()).isEqualTo(IDENTITY.owner());
    assertThat(reply.to()).isEqualTo(RINA);
    assertThat(reply.date()).isEqualTo(REPLY_AT);
    assertThat(reply.messageId()).isEqualTo("<afterhours.test@kantor.co.id>");
    assertThat(reply.html()).isEmpty();
  }

  @Test
  void addsTheSendersOwnTimeOnlyWhenTheirOffsetDiffers() {
    MessageFacts fromBerlin =
        ReplyFixtures.message(RINA, "Jadwal", Optional.of(ZoneOffset.ofHours(1)));

    assertThat(afterHours(composer(), fromBerlin).text())
        .contains("pukul 08.00 WIB (Senin, 30 November 2026 pukul 02.00 UTC+01:00 waktu Anda).");
  }

  @Test
  void picksTheLanguageByTheSendersDomainFirstRuleWinning() {
    TemplateChoice choice =
        new TemplateChoice(
            "after-hours", List.of(new LanguageRule("*.ID", "id"), new LanguageRule("*", "en")));
    ReplyComposer composer = composer(templates(), choice);

    OutgoingReply toJohn =
        afterHours(composer, ReplyFixtures.message(JOHN, "Invoice", Optional.empty()));
    OutgoingReply toRina =
        afterHours(composer, ReplyFixtures.message(RINA, "Faktur", Optional.empty()));

    assertThat(toJohn.language()).isEqualTo("en");
    assertThat(toJohn.subject()).isEqualTo("Auto-reply: Invoice");
    assertThat(toJohn.text())
        .isEqualTo("Dear John Miller, we are back on Monday 30 November 2026, 08:00 WIB.\n");
    assertThat(toRina.language()).isEqualTo("id");
  }

  @Test
  void usesTheConfiguredReplyTemplateAfterHours() {
    ReplyComposer composer =
        composer(
            templates("short.id.txt", "Subject: Singkat\n\nTutup.\n"),
            new TemplateChoice("short", List.of()));

    OutgoingReply reply = afterHours(composer, ReplyFixtures.message(RINA, "x", Optional.empty()));

    assertThat(reply.template()).isEqualTo("short");
    assertThat(reply.subject()).isEqualTo("Singkat");
  }

  @Test
  void answersAnAwayPeriodWithItsOwnTemplate() {
    ReplyComposer composer =
        composer(
            templates(
                "conference.id.txt",
                "Subject: Konferensi\n\n{{away.note}}\n",
                "away.id.txt",
                "Subject: Cuti\n\nx\n"));

    OutgoingReply custom =
        compose(
            composer,
            ReplyFixtures.message(RINA, "x", Optional.empty()),
            Situation.AWAY,
            ReplyFixtures.awayTiming("conference", "Jakarta Expo"));
    OutgoingReply plain =
        compose(
            composer,
            ReplyFixtures.message(RINA, "x", Optional.empty()),
            Situation.AWAY,
            ReplyFixtures.awayTiming("", ""));

    assertThat(custom.template()).isEqualTo("conference");
    assertThat(custom.text()).isEqualTo("Jakarta Expo\n");
    assertThat(plain.template()).isEqualTo("away");
  }

  @Test
  void fallsBackToAfterHoursForAHolidayWithoutTemplate() {
    OutgoingReply reply =
        compose(
            composer(),
            ReplyFixtures.message(RINA, "x", Optional.empty()),
            Situation.HOLIDAY,
            ReplyFixtures.weekendTiming());

    assertThat(reply.template()).isEqualTo("after-hours");
  }

  @Test
  void defaultsABlankRenderedSubjectToAutoAndTheOriginal() {
    ReplyComposer composer = composer("internal.id.txt", "Subject: {{#away}}x{{/away}}\n\nHalo\n");

    OutgoingReply reply =
        compose(
            composer,
            ReplyFixtures.message(RINA, "Rapat", Optional.empty()),
            Situation.INTERNAL,
            ReplyFixtures.weekendTiming());

    assertThat(reply.subject()).isEqualTo("Auto: Rapat");
  }

  @Test
  void stripsLineBreaksAndControlCharactersFromEveryHeaderValue() {
    MailAddress evil = new MailAddress("eve@example.com", "Eve\r\nBcc: victim@example.com");
    MessageFacts original =
        ReplyFixtures.message(
            evil,
            "Hi\r\nBcc: all@example.com\u0000\u2028",
            Optional.empty(),
            "<a@x>\r\nX-Evil: 1",
            List.of());

    OutgoingReply reply = afterHours(composer(), original);

    assertThat(reply.subject()).isEqualTo("Balasan otomatis: Hi Bcc: all@example.com");
    assertThat(reply.to().name()).isEqualTo("Eve Bcc: victim@example.com");
    assertThat(reply.inReplyTo()).doesNotContain("\r", "\n");
    assertThat(reply.references()).allSatisfy(id -> assertThat(id).doesNotContain("\r", "\n", " "));
  }

  @Test
  void threadsTheReplyUnderTheOriginal() {
    MessageFacts original =
        ReplyFixtures.message(
            RINA,
            "x",
            Optional.empty(),
            "<m3@mitra.co.id>",
            List.of("<m1@mitra.co.id>", "<m2@kantor.co.id>"));

    OutgoingReply reply = afterHours(composer(), original);

    assertThat(reply.inReplyTo()).isEqualTo("<m3@mitra.co.id>");
    assertThat(reply.references())
        .containsExactly("<m1@mitra.co.id>", "<m2@kantor.co.id>", "<m3@mitra.co.id>");
  }

  @Test
  void keepsTheThreadRootAndTheNewestReferencesOfALongThread() {
    List<String> thread = new ArrayList<>();
    IntStream.rangeClosed(1, 30).forEach(i -> thread.add("<m" + i + "@x>"));
    MessageFacts original = ReplyFixtures.message(RINA, "x", Optional.empty(), "<m31@x>", thread);

    List<String> references = afterHours(composer(), original).references();

    assertThat(references).hasSize(ReplyComposer.MAX_REFERENCES);
    assertThat(references).startsWith("<m1@x>", "<m23@x>").endsWith("<m30@x>", "<m31@x>");
  }

  @Test
  void leavesInReplyToEmptyWhenTheOriginalHadNoMessageId() {
    OutgoingReply reply =
        afterHours(composer(), ReplyFixtures.message(RINA, "x", Optional.empty(), "", List.of()));

    assertThat(reply.inReplyTo()).isEmpty();
    assertThat(reply.references()).isEmpty();
  }

  @Test
  void escapesValuesInTheHtmlBodyButNotInTheTextBody() {
    ReplyComposer composer =
        composer(
            templates(
                "open.id.txt", "Subject: x\n\nSubjek: {{original.subject}}\n",
                "open.id.html", "<p>Subjek: {{original.subject}}</p>"));
    MessageFacts original = ReplyFixtures.message(RINA, "Harga <b>A & B</b>", Optional.empty());

    OutgoingReply reply =
        compose(
            composer,
            original,
            Situation.OPEN,
            new ReplyTiming(Optional.empty(), ReplyFixtures.ARRIVAL, ReplyFixtures.RESPOND_BY));

    assertThat(reply.text()).isEqualTo("Subjek: Harga <b>A & B</b>\n");
    assertThat(reply.html()).contains("<p>Subjek: Harga &lt;b&gt;A &amp; B&lt;/b&gt;</p>");
  }
}
