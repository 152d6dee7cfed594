package io.afterhours.reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReplyTemplateTest {
  private static final String SOURCE = "config/templates/after-hours.id.txt";

  private static List<String> problemsOf(String content) {
    TemplateException e =
        catchThrowableOfType(
            TemplateException.class,
            () -> ReplyTemplate.parse("after-hours", "id", SOURCE, content));
    assertThat(e).as("expected the template to be refused").isNotNull();
    return e.problems().stream().map(TemplateProblem::sentence).toList();
  }

  @Test
  void readsTheSubjectAndTheBodyAfterTheBlankLine() {
    ReplyTemplate t =
        ReplyTemplate.parse(
            "after-hours", "id", SOURCE, "Subject: Hai {{owner.name}}\n\nBaris satu\nBaris dua\n");

    assertThat(t.subjectTemplate()).isEqualTo("Hai {{owner.name}}");
    assertThat(t.source()).isEqualTo(SOURCE);
    assertThat(t.htmlSource()).isEmpty();
  }

  @Test
  void reportsAMissingSubjectOnLineOne() {
    assertThat(problemsOf("Yth. {{sender.name}},\n\nTerima kasih.\n"))
        .containsExactly("line 1: missing Subject: header");
  }

  @Test
  void reportsAFileThatStartsWithABlankLineAsMissingItsSubject() {
    assertThat(problemsOf("\nTerima kasih.\n")).containsExactly("line 1: missing Subject: header");
  }

  @Test
  void reportsAnyOtherHeaderWithItsLine() {
    assertThat(problemsOf("Subject: x\nFrom: someone@example.com\n\nBody\n"))
        .containsExactly("line 2: unknown header \"From:\"; a template has only a Subject: header");
  }

  @Test
  void reportsATwiceGivenSubject() {
    assertThat(problemsOf("Subject: a\nsubject: b\n\nBody\n"))
        .containsExactly("line 2: Subject: appears twice");
  }

  @Test
  void reportsABodyThatIsNotSeparatedByABlankLine() {
    assertThat(problemsOf("Subject: x\nDear you,\nBody\n"))
        .containsExactly("line 2: expected a header or a blank line before the body");
  }

  @Test
  void reportsAFileWithOnlyHeaders() {
    assertThat(problemsOf("Subject: x"))
        .containsExactly("line 1: missing blank line and body after the Subject:");
  }

  @Test
  void treatsAWhitespaceOnlyLineAsTheSeparator() {
    ReplyTemplate t =
        ReplyTemplate.parse("away", "en", "away.en.txt", "Subject: x\n  \t\nBody {{owner.name}}\n");

    assertThat(t.render(ReplyValuesTest.values("en")).text()).isEqualTo("Body Budi Santoso\n");
  }

  @Test
  void readsCrlfFilesAndDropsTheByteOrderMark() {
    ReplyTemplate t =
        ReplyTemplate.parse(
            "after-hours",
            "en",
            "after-hours.en.txt",
            "\uFEFFSubject: Hello\r\n\r\nLine one\r\nLine two\r\n");

    RenderedReply r = t.render(ReplyValuesTest.values("en"));
    assertThat(r.subject()).isEqualTo("Hello");
    assertThat(r.text()).isEqualTo("Line one\nLine two\n");
  }

  @Test
  void joinsAFoldedSubject() {
    ReplyTemplate t =
        ReplyTemplate.parse(
            "after-hours", "en", "x.txt", "Subject: Auto-reply:\n {{original.subject}}\n\nBody\n");

    assertThat(t.render(ReplyValuesTest.values("en")).subject())
        .isEqualTo("Auto-reply: Penawaran harga");
  }

  @Test
  void reportsAnUnknownPlaceholderInsideASectionWithItsFileLine() {
    String content =
        "Subject: x\n\nHello\n{{#nextOpeningSenderTime}}\n  {{sender.nmae}}\n{{/nextOpeningSenderTime}}\n";

    assertThat(problemsOf(content)).containsExactly("line 5: unknown placeholder {{sender.nmae}}");
  }

  @Test
  void reportsUnknownPlaceholdersInTheSubjectAndTheBodyTogether() {
    assertThat(problemsOf("Subject: {{subject}}\n\n{{#sender.naam}}x{{/sender.naam}}\n"))
        .containsExactly(
            "line 1: unknown placeholder {{subject}}",
            "line 3: unknown placeholder {{sender.naam}}");
  }

  @Test
  void reportsBrokenMustacheWithItsFileLine() {
    List<String> problems = problemsOf("Subject: x\n\nHello\n{{#closedBecause}}\nnever closed\n");

    assertThat(problems).hasSize(1);
    assertThat(problems.get(0)).startsWith("line ").contains("broken Mustache");
  }

  @Test
  void problemsNameTheirFileForTheCheckCommand() {
    TemplateException e =
        catchThrowableOfType(
            TemplateException.class,
            () ->
                ReplyTemplate.parse(
                    "after-hours", "id", SOURCE, "Subject: x\n\n{{sender.nmae}}\n"));

    assertThat(e.problems().get(0))
        .hasToString("config/templates/after-hours.id.txt:3: unknown placeholder {{sender.nmae}}");
  }

  @Test
  void refusesAnUnknownPlaceholderInTheHtmlBody() {
    ReplyTemplate t = ReplyTemplate.parse("after-hours", "en", "a.en.txt", "Subject: x\n\nBody\n");

    TemplateException e =
        catchThrowableOfType(
            TemplateException.class, () -> t.withHtml("a.en.html", "<p>\n{{owner.nam}}</p>"));

    assertThat(e.problems())
        .containsExactly(new TemplateProblem("a.en.html", 2, "unknown placeholder {{owner.nam}}"));
  }
}
