package io.afterhours.reply;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One reply template: a file that reads like an email (DESIGN §4). A {@code Subject:} line, a blank
 * line, then the text body; nothing else may stand in the header block, because any other header
 * would suggest to the author that it reaches the reply, and it would not. An optional HTML file
 * beside it is a body only.
 *
 * <p>Parsing is pure: the caller reads the files. CRLF and CR line ends and a leading byte-order
 * mark are accepted, since templates are edited on every kind of desktop.
 */
public final class ReplyTemplate {
  private static final Pattern HEADER = Pattern.compile("([!-9;-~]+):(.*)");

  private final String name;
  private final String language;
  private final TemplatePart subject;
  private final TemplatePart text;
  private final Optional<TemplatePart> html;

  private ReplyTemplate(
      String name,
      String language,
      TemplatePart subject,
      TemplatePart text,
      Optional<TemplatePart> html) {
    this.name = name;
    this.language = language;
    this.subject = subject;
    this.text = text;
    this.html = html;
  }

  /**
   * Reads a text template.
   *
   * @param name the template name, e.g. {@code after-hours}
   * @param language the language code, e.g. {@code id}
   * @param source where the text came from, used in every problem, e.g. {@code
   *     config/templates/after-hours.id.txt}
   * @param content the whole file
   * @throws TemplateException with every problem found, each with its line
   */
  public static ReplyTemplate parse(String name, String language, String source, String content) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(language, "language");
    List<String> lines = lines(content);
    List<TemplateProblem> problems = new ArrayList<>();
    HeaderBlock headers = HeaderBlock.read(lines, source, problems);
    int blank = headers.blankLineIndex();
    String body = String.join("\n", lines.subList(blank + 1, lines.size()));
    if (body.isBlank()) {
      problems.add(
          new TemplateProblem(source, blank + 1, "the body after the blank line is empty"));
    }
    TemplatePart subject =
        headers.subject() == null
            ? null
            : part(source, headers.subjectLine(), headers.subject(), false, problems);
    TemplatePart text = part(source, blank + 2, body, false, problems);
    if (!problems.isEmpty()) {
      throw new TemplateException(problems);
    }
    return new ReplyTemplate(name, language, subject, text, Optional.empty());
  }

  /**
   * The header block of a text template: the Subject (null when missing), its line, and the index
   * of the blank line that ends the block.
   */
  private record HeaderBlock(String subject, int subjectLine, int blankLineIndex) {

    /**
     * Reads the block, adding every problem to {@code problems}.
     *
     * @throws TemplateException when the body cannot be found, so nothing more can be checked
     */
    static HeaderBlock read(List<String> lines, String source, List<TemplateProblem> problems) {
      String subject = null;
      int subjectLine = 0;
      boolean inSubject = false;
      int i = 0;
      for (; i < lines.size() && !lines.get(i).isBlank(); i++) {
        String line = lines.get(i);
        if (i > 0 && (line.startsWith(" ") || line.startsWith("\t"))) {
          if (inSubject) {
            subject += " " + line.strip(); // RFC 5322 folding of a long subject
          }
          continue;
        }
        inSubject = false;
        Matcher header = HEADER.matcher(line);
        if (!header.matches()) {
          problems.add(
              new TemplateProblem(
                  source,
                  i + 1,
                  i == 0
                      ? "missing Subject: header"
                      : "expected a header or a blank line before the body"));
          throw new TemplateException(problems);
        }
        if (!header.group(1).equalsIgnoreCase("Subject")) {
          problems.add(
              new TemplateProblem(
                  source,
                  i + 1,
                  "unknown header \""
                      + header.group(1)
                      + ":\"; a template has only a Subject: header"));
        } else if (subject != null) {
          problems.add(new TemplateProblem(source, i + 1, "Subject: appears twice"));
        } else {
          subject = header.group(2).strip();
          subjectLine = i + 1;
          inSubject = true;
        }
      }
      if (subject == null) {
        problems.add(new TemplateProblem(source, 1, "missing Subject: header"));
      }
      if (i >= lines.size()) {
        problems.add(
            new TemplateProblem(
                source, lines.size(), "missing blank line and body after the Subject:"));
        throw new TemplateException(problems);
      }
      return new HeaderBlock(subject, subjectLine, i);
    }
  }

  /**
   * This template with an HTML alternative; the whole HTML file is the body, and values in it are
   * HTML-escaped.
   *
   * @throws TemplateException when the HTML is broken Mustache or uses an unknown name
   */
  public ReplyTemplate withHtml(String htmlSource, String htmlContent) {
    String body = String.join("\n", lines(htmlContent));
    return new ReplyTemplate(
        name,
        language,
        subject,
        text,
        Optional.of(TemplatePart.compile(htmlSource, 1, body, true)));
  }

  /**
   * Renders subject and bodies. The subject is returned as written by the template, not yet made
   * safe for a header; the composer does that and supplies the default subject when it is blank.
   *
   * @throws TemplateException when a name used outside a section has no value
   */
  public RenderedReply render(ReplyValues values) {
    return new RenderedReply(
        subject.render(values.asMap()),
        text.render(values.asMap()),
        html.map(h -> h.render(values.asMap())));
  }

  /**
   * Where this template names the owner's values: for each part (subject, text, HTML) and name, the
   * file and line of its first appearance, so that an unknown one is reported where it is written.
   */
  List<ValueUse> customValueUses() {
    List<ValueUse> uses = new ArrayList<>();
    List<TemplatePart> parts = new ArrayList<>(List.of(subject, text));
    html.ifPresent(parts::add);
    Set<String> seen = new HashSet<>();
    for (TemplatePart part : parts) {
      part.customValues()
          .forEach(
              (value, line) -> {
                if (seen.add(part.source() + "\n" + value)) { // the subject's line comes first
                  uses.add(new ValueUse(value, part.source(), line));
                }
              });
    }
    return uses;
  }

  public String name() {
    return name;
  }

  public String language() {
    return language;
  }

  /** The text file this template came from. */
  public String source() {
    return text.source();
  }

  /** The HTML file, when there is one. */
  public Optional<String> htmlSource() {
    return html.map(TemplatePart::source);
  }

  /** The subject line as written, before rendering. */
  public String subjectTemplate() {
    return subject.text();
  }

  @Override
  public String toString() {
    return name + "." + language + " (" + source() + ")";
  }

  private static TemplatePart part(
      String source, int firstLine, String text, boolean html, List<TemplateProblem> problems) {
    try {
      return TemplatePart.compile(source, firstLine, text, html);
    } catch (TemplateException e) {
      problems.addAll(e.problems());
      return null;
    }
  }

  private static List<String> lines(String content) {
    String text = content.startsWith("\uFEFF") ? content.substring(1) : content;
    return Arrays.asList(text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1));
  }
}
