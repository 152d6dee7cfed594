package io.afterhours.reply;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import java.util.List;
import java.util.Map;

/**
 * One compiled piece of a template file (the subject, the text body or the HTML body) that knows
 * where in its file it starts, so every problem points at the file line the operator must edit.
 *
 * <p>The compiler is strict: no default value, so a name without a value throws instead of
 * rendering as an empty string. Sections over a missing name stay hidden, which is how optional
 * values such as {@code nextOpeningSenderTime} and {@code away} work. An empty string counts as
 * false, so {@code {{#away.note}}…{{/away.note}}} hides an empty note.
 */
final class TemplatePart {
  private static final Mustache.Compiler PLAIN =
      Mustache.compiler().escapeHTML(false).emptyStringIsFalse(true);
  private static final Mustache.Compiler HTML =
      Mustache.compiler().escapeHTML(true).emptyStringIsFalse(true);

  private final String source;
  private final int firstLine;
  private final String text;
  private final Template template;
  private final Map<String, Integer> customValues;

  private TemplatePart(String source, int firstLine, String text, Template template) {
    this.source = source;
    this.firstLine = firstLine;
    this.text = text;
    this.template = template;
    this.customValues = Map.copyOf(Placeholders.customValues(text, firstLine, template));
  }

  /**
   * Compiles {@code text}, which starts at {@code firstLine} of {@code source}.
   *
   * @param escapeHtml true for HTML bodies, where values must not become markup
   * @throws TemplateException when the Mustache syntax is broken or a name is unknown
   */
  static TemplatePart compile(String source, int firstLine, String text, boolean escapeHtml) {
    Template template;
    try {
      template = (escapeHtml ? HTML : PLAIN).compile(text);
    } catch (MustacheException.Context e) {
      throw new TemplateException(
          new TemplateProblem(source, firstLine + e.lineNo - 1, syntaxMessage(e)));
    } catch (MustacheException e) {
      throw new TemplateException(new TemplateProblem(source, firstLine, syntaxMessage(e)));
    }
    List<TemplateProblem> unknown = Placeholders.check(source, firstLine, text, template);
    if (!unknown.isEmpty()) {
      throw new TemplateException(unknown);
    }
    return new TemplatePart(source, firstLine, text, template);
  }

  /**
   * Renders with {@code values}.
   *
   * @throws TemplateException when a name used outside a section has no value
   */
  String render(Map<String, Object> values) {
    try {
      return template.execute(values);
    } catch (MustacheException.Context e) {
      throw new TemplateException(
          new TemplateProblem(
              source,
              firstLine + e.lineNo - 1,
              "{{"
                  + e.key
                  + "}} has no value here; wrap it in {{#"
                  + e.key
                  + "}}…{{/"
                  + e.key
                  + "}}"));
    } catch (MustacheException e) {
      throw new TemplateException(
          new TemplateProblem(source, firstLine, "cannot render: " + e.getMessage()));
    }
  }

  String source() {
    return source;
  }

  /**
   * The owner's values this part names ({@code {{values.portfolio}}} is {@code portfolio}), each
   * with the file line where it first appears.
   */
  Map<String, Integer> customValues() {
    return customValues;
  }

  String text() {
    return text;
  }

  private static String syntaxMessage(MustacheException e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    int at = message.indexOf(" @ line");
    return "broken Mustache: " + (at > 0 ? message.substring(0, at) : message);
  }
}
