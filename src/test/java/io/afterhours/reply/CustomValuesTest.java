package io.afterhours.reply;

import static io.afterhours.reply.ReplyFixtures.IDENTITY;
import static io.afterhours.reply.ReplyFixtures.REPLY_AT;
import static org.assertj.core.api.Assertions.assertThat;

import io.afterhours.policy.MailAddress;
import io.afterhours.policy.MessageFacts;
import io.afterhours.policy.Situation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The owner's own values, {@code {{values.<name>}}}: rendered, escaped in HTML, checked. */
class CustomValuesTest {
  private static final String DIR = "config/templates/";
  private static final MailAddress RINA = new MailAddress("rina@mitra.co.id", "Rina Wijaya");

  private static final String TEXT =
      """
      Subject: Auto: {{original.subject}} ({{values.phone}})

      Dear {{sender.name}},
      Call {{values.phone}} if it is urgent.
      {{#values.portfolio}}Our work: {{values.portfolio}}{{/values.portfolio}}
      """;

  private static final String HTML =
      """
      <p>Dear {{sender.name}},</p>
      <p>Call {{values.phone}} if it is urgent.</p>
      """;

  private static Map<String, String> files(String... namesAndTexts) {
    Map<String, String> files = new LinkedHashMap<>();
    for (int i = 0; i < namesAndTexts.length; i += 2) {
      files.put(DIR + namesAndTexts[i], namesAndTexts[i + 1]);
    }
    return files;
  }

  private static OutgoingReply reply(Map<String, String> files, Map<String, String> values) {
    ReplyComposer composer =
        new ReplyComposer(
            TemplateCatalog.fromFiles(files, "id"),
            TemplateChoice.defaults(),
            (domain, at) -> "<afterhours.test@" + domain + ">",
            values);
    MessageFacts original = ReplyFixtures.message(RINA, "Harga", Optional.empty());
    return composer.compose(
        original,
        IDENTITY,
        ReplyFixtures.reply(RINA, Situation.AFTER_HOURS, ReplyFixtures.weekendTiming()),
        ReplyFixtures.schedule(),
        REPLY_AT);
  }

  private static TemplateUsage usage(Map<String, String> values) {
    return new TemplateUsage("after-hours", Set.of("away"), false, values);
  }

  @Test
  void rendersTheOwnersValuesInTheSubjectAndTheBody() {
    OutgoingReply reply =
        reply(
            files("after-hours.id.txt", TEXT),
            Map.of("phone", "+62 812 3456", "portfolio", "https://kopi.example/karya"));

    assertThat(reply.subject()).isEqualTo("Auto: Harga (+62 812 3456)");
    assertThat(reply.text())
        .contains("Call +62 812 3456 if it is urgent.")
        .contains("Our work: https://kopi.example/karya");
  }

  @Test
  void anHtmlTemplateEscapesAValueAndTheTextTemplateKeepsItAsWritten() {
    OutgoingReply reply =
        reply(
            files("after-hours.id.txt", TEXT, "after-hours.id.html", HTML),
            Map.of("phone", "<b>0812</b> & \"ask for Rina\""));

    assertThat(reply.text()).contains("Call <b>0812</b> & \"ask for Rina\" if it is urgent.");
    assertThat(reply.html())
        .hasValueSatisfying(
            html ->
                assertThat(html)
                    .contains("Call &lt;b&gt;0812&lt;/b&gt; &amp; &quot;ask for Rina&quot; if")
                    .doesNotContain("<b>"));
  }

  @Test
  void anEmptyValueHidesItsSection() {
    OutgoingReply reply =
        reply(files("after-hours.id.txt", TEXT), Map.of("phone", "0812", "portfolio", ""));

    assertThat(reply.text()).doesNotContain("Our work");
  }

  @Test
  void checkNamesTheFileAndLineOfAValueTheConfigDoesNotSet() {
    TemplateCatalog catalog =
        TemplateCatalog.fromFiles(
            files("after-hours.id.txt", TEXT, "after-hours.id.html", HTML), "id");

    assertThat(catalog.validate(usage(Map.of("portfolio", "x"))))
        .extracting(TemplateProblem::toString)
        .containsExactlyInAnyOrder(
            DIR
                + "after-hours.id.txt:1: unknown placeholder {{values.phone}}: the config's values"
                + " block sets only portfolio",
            DIR
                + "after-hours.id.html:2: unknown placeholder {{values.phone}}: the config's values"
                + " block sets only portfolio");
  }

  @Test
  void checkReportsAMisspeltValueInsideASectionToo() {
    TemplateCatalog catalog =
        TemplateCatalog.fromFiles(
            files(
                "after-hours.id.txt",
                "Subject: Auto\n\nHello\n{{#values.portfolo}}{{values.portfolo}}{{/values.portfolo}}\n"),
            "id");

    assertThat(catalog.validate(usage(Map.of())))
        .extracting(TemplateProblem::toString)
        .containsExactly(
            DIR
                + "after-hours.id.txt:4: unknown placeholder {{values.portfolo}}: the config's"
                + " values block sets none");
  }

  @Test
  void checkRefusesAnEmptyValueUsedOutsideItsSection() {
    TemplateCatalog catalog = TemplateCatalog.fromFiles(files("after-hours.id.txt", TEXT), "id");

    assertThat(catalog.validate(usage(Map.of("phone", "", "portfolio", ""))))
        .extracting(TemplateProblem::toString)
        .contains(
            DIR
                + "after-hours.id.txt:1: {{values.phone}} has no value here; wrap it in"
                + " {{#values.phone}}…{{/values.phone}}");
    assertThat(catalog.validate(usage(Map.of("phone", "0812", "portfolio", "")))).isEmpty();
  }

  @Test
  void aValueIsOnlyEverANameUnderValues() {
    TemplateCatalog catalog =
        TemplateCatalog.fromFiles(
            files("after-hours.id.txt", "Subject: Auto\n\nHello {{value.phone}} {{values}}\n"),
            "id");

    assertThat(catalog.validate(usage(Map.of("phone", "0812"))))
        .extracting(TemplateProblem::message)
        .contains("unknown placeholder {{value.phone}}", "unknown placeholder {{values}}");
  }
}
