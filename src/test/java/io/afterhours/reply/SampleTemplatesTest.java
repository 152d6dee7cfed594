package io.afterhours.reply;

import static org.assertj.core.api.Assertions.assertThat;

import io.afterhours.policy.MailAddress;
import io.afterhours.policy.MessageFacts;
import io.afterhours.policy.ReplyTiming;
import io.afterhours.policy.Situation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The sample templates shipped in config/templates must always pass check and render. */
class SampleTemplatesTest {
  private static final Path DIR = Path.of("config", "templates");

  private static TemplateCatalog samples() throws IOException {
    Map<String, String> files = new LinkedHashMap<>();
    try (Stream<Path> paths = Files.list(DIR)) {
      for (Path p : paths.sorted().toList()) {
        files.put(
            DIR.resolve(p.getFileName()).toString().replace('\\', '/'),
            Files.readString(p, StandardCharsets.UTF_8));
      }
    }
    return TemplateCatalog.fromFiles(files, "id");
  }

  @Test
  void theSampleTemplatesPassValidation() throws IOException {
    TemplateCatalog catalog = samples();

    // reference.conf declares the portfolio the after-hours samples show, empty.
    Map<String, String> declared = Map.of("portfolio", "");
    assertThat(catalog.validate(new TemplateUsage("after-hours", Set.of("away"), false, declared)))
        .isEmpty();
    assertThat(catalog.validate(new TemplateUsage("after-hours", Set.of("away"), true, declared)))
        .isEmpty();
    assertThat(
            catalog.validate(
                new TemplateUsage(
                    "after-hours", Set.of("away"), false, Map.of("portfolio", "https://x.test"))))
        .isEmpty();
    assertThat(catalog.languages()).containsExactly("en", "id");
  }

  @ParameterizedTest
  @ValueSource(strings = {"id", "en"})
  void theAfterHoursSampleShowsThePortfolioOnlyWhenTheConfigSetsOne(String language)
      throws IOException {
    TemplateChoice choice =
        new TemplateChoice("after-hours", List.of(new LanguageRule("*", language)));
    MessageFacts original =
        ReplyFixtures.message(new MailAddress("sam@example.org", ""), "Proposal", Optional.empty());
    String portfolio = "https://studiokopi.example/portfolio?a=1&b=2";

    OutgoingReply withPortfolio =
        afterHours(
            new ReplyComposer(
                samples(), choice, new RandomMessageIds(), Map.of("portfolio", portfolio)),
            original);
    OutgoingReply without =
        afterHours(
            new ReplyComposer(samples(), choice, new RandomMessageIds(), Map.of("portfolio", "")),
            original);

    assertThat(withPortfolio.text()).contains(" " + portfolio + "\n\n");
    assertThat(withPortfolio.html())
        .hasValueSatisfying(
            html ->
                // Escaped for HTML (jmustache also writes = as &#x3D;), never the raw & of the URL.
                assertThat(html)
                    .contains(
                        "<a href=\"https://studiokopi.example/portfolio?a&#x3D;1&amp;b&#x3D;2\">")
                    .doesNotContain("a=1&b=2"));
    assertThat(without.text()).doesNotContain("portfolio").doesNotContain("\n\n\n");
    assertThat(without.html()).hasValueSatisfying(html -> assertThat(html).doesNotContain("href"));
  }

  private static OutgoingReply afterHours(ReplyComposer composer, MessageFacts original) {
    return composer.compose(
        original,
        ReplyFixtures.IDENTITY,
        ReplyFixtures.reply(
            original.from().get(0), Situation.AFTER_HOURS, ReplyFixtures.weekendTiming()),
        ReplyFixtures.schedule(),
        ReplyFixtures.REPLY_AT);
  }

  @Test
  void everyTemplateNameIsShippedInBothLanguages() throws IOException {
    List<String> names = List.of("after-hours", "holiday", "away", "internal", "open");

    assertThat(samples().templates())
        .extracting(t -> t.name() + "." + t.language())
        .containsExactlyInAnyOrderElementsOf(
            names.stream().flatMap(n -> Stream.of(n + ".en", n + ".id")).toList());
  }

  @ParameterizedTest
  @ValueSource(strings = {"id", "en"})
  void everySampleRendersForEverySituationInBothLanguages(String language) throws IOException {
    TemplateChoice choice =
        new TemplateChoice("after-hours", List.of(new LanguageRule("*", language)));
    ReplyComposer composer = new ReplyComposer(samples(), choice, new RandomMessageIds());
    MessageFacts original =
        ReplyFixtures.message(
            new MailAddress("sam@example.org", ""), "Proposal", Optional.of(ZoneOffset.ofHours(1)));
    // An acknowledgement in open hours has no closed window: no closedBecause, no away.
    ReplyTiming openHours =
        new ReplyTiming(Optional.empty(), ReplyFixtures.ARRIVAL, ReplyFixtures.RESPOND_BY);
    Map<Situation, ReplyTiming> timings =
        Map.of(
            Situation.AFTER_HOURS, ReplyFixtures.weekendTiming(),
            Situation.HOLIDAY, ReplyFixtures.weekendTiming(),
            Situation.AWAY, ReplyFixtures.awayTiming("away", "annual leave"),
            Situation.INTERNAL, ReplyFixtures.weekendTiming(),
            Situation.OPEN, openHours);

    timings.forEach(
        (situation, timing) -> {
          OutgoingReply reply =
              composer.compose(
                  original,
                  ReplyFixtures.IDENTITY,
                  ReplyFixtures.reply(original.from().get(0), situation, timing),
                  ReplyFixtures.schedule(),
                  ReplyFixtures.REPLY_AT);
          assertThat(reply.template())
              .as("its own template, not the after-hours fallback")
              .isEqualTo(situation.name().toLowerCase(Locale.ROOT).replace('_', '-'));
          assertThat(reply.language()).isEqualTo(language);
          assertThat(reply.subject()).endsWith(": Proposal").doesNotStartWith("Re:");
          assertThat(reply.text()).contains("Budi Santoso").doesNotContain("{{", "}}");
          assertThat(reply.messageId()).startsWith("<afterhours.").endsWith("@kantor.co.id>");
        });
  }

  @Test
  void theIndonesianAfterHoursReplyReadsAsWritten() throws IOException {
    ReplyComposer composer =
        new ReplyComposer(samples(), TemplateChoice.defaults(), (d, at) -> "<x@" + d + ">");
    MessageFacts original =
        ReplyFixtures.message(
            new MailAddress("rina@mitra.co.id", "Rina Wijaya"),
            "Penawaran harga",
            Optional.of(ZoneOffset.ofHours(1)));

    OutgoingReply reply =
        composer.compose(
            original,
            ReplyFixtures.IDENTITY,
            ReplyFixtures.reply(
                original.from().get(0), Situation.AFTER_HOURS, ReplyFixtures.weekendTiming()),
            ReplyFixtures.schedule(),
            ReplyFixtures.REPLY_AT);

    assertThat(reply.subject()).isEqualTo("Balasan otomatis: Penawaran harga");
    assertThat(reply.text())
        .startsWith(
            "Yth. Rina Wijaya,\n\nTerima kasih atas email Anda. Saat ini kantor kami sedang tutup (akhir pekan)")
        .contains(
            "Kami kembali pada Senin, 30 November 2026 pukul 08.00 WIB"
                + " (Senin, 30 November 2026 pukul 02.00 UTC+01:00 waktu Anda)"
                + " dan akan membalas paling lambat Senin, 30 November 2026 pukul 12.00 WIB.")
        .contains("Jam kerja kami:\nSenin–Jumat: 08.00–12.00, 13.00–16.00\nSabtu–Minggu: tutup\n");
    assertThat(reply.html())
        .hasValueSatisfying(
            html ->
                assertThat(html)
                    .contains("<strong>Senin, 30 November 2026 pukul 08.00 WIB</strong>"));
  }
}
