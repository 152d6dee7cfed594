package io.afterhours.reply;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The already-read text of one template file. The caller does the file I/O; the reply package only
 * sees names and text.
 *
 * @param name the template name, e.g. {@code after-hours}
 * @param language the language code, lower case, e.g. {@code id}
 * @param kind whether the text is the text template or its HTML body
 * @param source where it came from, shown in every problem, e.g. {@code
 *     config/templates/after-hours.id.txt}
 * @param text the whole file
 */
public record TemplateSource(String name, String language, Kind kind, String source, String text) {
  private static final Pattern FILE_NAME =
      Pattern.compile("(.+)\\.([A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*)\\.(txt|html)");

  /** The two kinds of template file. */
  public enum Kind {
    /** {@code <name>.<lang>.txt}: Subject, blank line, text body. */
    TEXT,
    /** {@code <name>.<lang>.html}: the whole file is the HTML body. */
    HTML
  }

  public TemplateSource {
    Objects.requireNonNull(name, "name");
    language = language.toLowerCase(Locale.ROOT);
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(text, "text");
  }

  /**
   * Reads name, language and kind from a file name such as {@code after-hours.id.txt}; {@code
   * source} may be a path, only its last segment is read. Empty when the name does not follow the
   * {@code <name>.<lang>.txt|html} pattern.
   */
  public static Optional<TemplateSource> fromFile(String source, String text) {
    String fileName =
        source.substring(Math.max(source.lastIndexOf('/'), source.lastIndexOf('\\')) + 1);
    Matcher m = FILE_NAME.matcher(fileName);
    if (!m.matches()) {
      return Optional.empty();
    }
    Kind kind = m.group(3).equals("txt") ? Kind.TEXT : Kind.HTML;
    return Optional.of(new TemplateSource(m.group(1), m.group(2), kind, source, text));
  }
}
