package io.afterhours.reply;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TemplateCatalogTest {
  private static final String DIR = "config/templates/";

  private static Map<String, String> files(String... namesAndTexts) {
    Map<String, String> files = new LinkedHashMap<>();
    for (int i = 0; i < namesAndTexts.length; i += 2) {
      files.put(DIR + namesAndTexts[i], namesAndTexts[i + 1]);
    }
    return files;
  }

  private static String simple(String subject) {
    return "Subject: " + subject + "\n\nHello {{sender.name}}\n";
  }

  private static String source(TemplateCatalog catalog, String name, String language) {
    return catalog.find(name, language).orElseThrow().source();
  }

  @Test
  void findsTheTemplateForTheSituationAndLanguage() {
    TemplateCatalog catalog =
        TemplateCatalog.fromFiles(
            files(
                "after-hours.id.txt",
                simple("a"),
                "holiday.en.txt",
                simple("h"),
                "holiday.id.txt",
                simple("h")),
            "id");

    assertThat(source(catalog, "holiday", "en")).isEqualTo(DIR + "holiday.en.txt");
  }

  @Test
  void fallsBackToAfterHoursWhenTheSituationHasNoTemplate() {
    TemplateCatalog catalog =
        TemplateCatalog.fromFiles(
            files("after-hours.id.txt", simple("a"), "after-hours.en.txt", simple("a")), "id");

    assertThat(source(catalog, "internal", "en")).isEqualTo(DIR + "after-hours.en.txt");
  }

  @Test
  void keepsTheSendersLanguageBeforeTheSituationThenFallsBackToTheDefaultLanguage() {
    TemplateCatalog catalog =
        TemplateCatalog.fromFiles(
            files(
                "after-hours.en.txt",
                simple("a"),
                "after-hours.id.txt",
                simple("a"),
                "holiday.id.txt",
                simple("h")),
            "id");

    assertThat(source(catalog, "holiday", "fr")).isEqualTo(DIR + "holiday.id.txt");
    assertThat(source(catalog, "holiday", "en")).isEqualTo(DIR + "after-hours.en.txt");
    assertThat(source(catalog, "away", "fr")).isEqualTo(DIR + "after-hours.id.txt");
  }

  @Test
  void ignoresTheCaseOfLanguageCodes() {
    TemplateCatalog catalog =
        TemplateCatalog.fromFiles(files("after-hours.ID.txt", simple("a")), "Id");

    assertThat(catalog.find("after-hours", "id")).isPresent();
    assertThat(catalog.validate()).isEmpty();
  }

  @Test
  void attachesTheHtmlBodyToItsTextTemplate() {
    TemplateCatalog catalog =
        TemplateCatalog.fromFiles(
            files(
                "after-hours.id.txt", simple("a"), "after-hours.id.html", "<p>{{sender.name}}</p>"),
            "id");

    assertThat(catalog.find("after-hours", "id").orElseThrow().htmlSource())
        .contains(DIR + "after-hours.id.html");
    assertThat(catalog.validate()).isEmpty();
  }

  @Test
  void passesValidTemplates() {
    TemplateCatalog catalog =
        TemplateCatalog.fromFiles(
            files(
                "after-hours.id.txt",
                "Subject: Balasan otomatis: {{original.subject}}\n\n{{closedBecause}} {{nextOpening}}"
                    + "{{#nextOpeningSenderTime}} ({{nextOpeningSenderTime}}){{/nextOpeningSenderTime}}\n",
                "away.id.txt",
                "Subject: x\n\n{{away.until}}{{#away.note}} ({{away.note}}){{/away.note}}\n"),
            "id");

    assertThat(catalog.validate()).isEmpty();
  }

  @Test
  void reportsEveryProblemOfEveryFileAtOnce() {
    TemplateCatalog catalog =
        TemplateCatalog.fromFiles(
            files(
                "after-hours.en.txt", simple("a"),
                "holiday.id.txt", "Halo\n",
                "away.id.txt", "Subject: x\n\n{{#away}}\n{{away.nota}}\n{{/away}}\n",
                "away.id.html", "<p>{{sender.name}}</p>",
                "open.id.html", "<p>{{sender.name}}</p>",
                "readme.txt", simple("n")),
            "id");

    assertThat(catalog.validate().stream().map(TemplateProblem::toString))
        .containsExactlyInAnyOrder(
            DIR + "holiday.id.txt:1: missing Subject: header",
            DIR + "away.id.txt:4: unknown placeholder {{away.nota}}",
            DIR + "open.id.html: an HTML template needs its text template open.id.txt beside it",
            DIR
                + "readme.txt: the file name should look like <name>.<language>.txt or <name>.<language>.html, e.g. after-hours.id.txt",
            "after-hours.id.txt: missing: the after-hours template in the default language (id) is the fallback for every reply");
  }

  @Test
  void reportsAValueUsedOutsideTheSectionThatGuardsIt() {
    TemplateCatalog catalog =
        TemplateCatalog.fromFiles(
            files(
                "after-hours.id.txt",
                "Subject: x\n\nKembali {{nextOpening}}\n({{nextOpeningSenderTime}})\n"),
            "id");

    assertThat(catalog.validate())
        .containsExactly(
            new TemplateProblem(
                DIR + "after-hours.id.txt",
                4,
                "{{nextOpeningSenderTime}} has no value here; wrap it in"
                    + " {{#nextOpeningSenderTime}}…{{/nextOpeningSenderTime}}"));
  }

  @Test
  void reportsAwayValuesInATemplateThatAlsoAnswersNights() {
    TemplateCatalog catalog =
        TemplateCatalog.fromFiles(
            files("after-hours.id.txt", "Subject: x\n\n{{away.note}}\n"), "id");

    assertThat(catalog.validate()).extracting(TemplateProblem::line).containsExactly(3);
  }

  @Test
  void checksTheAfterHoursTemplateForOpenHoursOnlyWhenThoseAreAnswered() {
    TemplateCatalog catalog =
        TemplateCatalog.fromFiles(
            files("after-hours.id.txt", "Subject: x\n\nTutup: {{closedBecause}}\n"), "id");

    assertThat(catalog.validate()).isEmpty();
    assertThat(catalog.validate(new TemplateUsage("after-hours", Set.of("away"), true)))
        .extracting(TemplateProblem::message)
        .containsExactly(
            "{{closedBecause}} has no value here; wrap it in {{#closedBecause}}…{{/closedBecause}}");
  }

  @Test
  void checksCustomAwayTemplatesWithAwayValues() {
    TemplateCatalog catalog =
        TemplateCatalog.fromFiles(
            files(
                "after-hours.id.txt",
                simple("a"),
                "conference.id.txt",
                "Subject: x\n\n{{away.note}}\n"),
            "id");

    assertThat(
            catalog.validate(new TemplateUsage("after-hours", Set.of("away", "conference"), false)))
        .isEmpty();
    assertThat(catalog.validate()).hasSize(1);
  }
}
