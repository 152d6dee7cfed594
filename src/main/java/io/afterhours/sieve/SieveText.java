package io.afterhours.sieve;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes values into Sieve source (RFC 5228 §2.4.2): quoted strings, string lists, multi-line
 * {@code text:} literals and {@code :matches} keys, with the escapes each needs. Every string of our
 * scripts also goes through variable expansion (RFC 5229), so text that is not meant as a variable
 * reference must not contain {@code ${}: {@link #literal} turns it into a reference to a variable
 * that holds a dollar sign.
 */
final class SieveText {
  /** The variable every script sets to "$", so that "${" in a template survives expansion. */
  static final String DOLLAR_VARIABLE = "ah_dollar";

  private SieveText() {}

  /** {@code value} as a quoted string; CR and LF become spaces, {@code \} and {@code "} escaped. */
  static String quoted(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\', '"' -> out.append('\\').append(c);
        case '\r', '\n' -> out.append(' ');
        default -> out.append(c);
      }
    }
    return out.append('"').toString();
  }

  /** {@code ["a", "b"]}, or a single quoted string for a list of one. */
  static String list(List<String> values) {
    if (values.size() == 1) {
      return quoted(values.get(0));
    }
    return values.stream().map(SieveText::quoted).collect(Collectors.joining(", ", "[", "]"));
  }

  /**
   * A multi-line string (RFC 5228 §2.4.2): {@code text:}, the lines with a leading dot doubled, and
   * a line holding only a dot. Every line of the value ends with a line break, so a final line
   * break of {@code value} adds no empty line. Line ends are LF; CR LF and lone CR become LF.
   */
  static String multiLine(String value) {
    String text = value.replace("\r\n", "\n").replace('\r', '\n');
    if (text.endsWith("\n")) {
      text = text.substring(0, text.length() - 1);
    }
    StringBuilder out = new StringBuilder(text.length() + 16).append("text:\n");
    for (String line : text.split("\n", -1)) {
      out.append(line.startsWith(".") ? "." : "").append(line).append('\n');
    }
    return out.append(".\n").toString();
  }

  /**
   * Text that must read as written after variable expansion: each {@code ${} becomes {@code
   * ${ah_dollar}{}, which expands to {@code ${} again (expansion is not recursive).
   */
  static String literal(String text) {
    return text.replace("${", "${" + DOLLAR_VARIABLE + "}{");
  }

  /**
   * A glob of the configuration ({@code *} any run, {@code ?} one character, every other character
   * itself) as a {@code :matches} key: a backslash, the only escape character of {@code :matches}
   * (RFC 5228 §2.7.1), is escaped.
   */
  static String matchKey(String glob) {
    return literal(glob.strip().replace("\\", "\\\\"));
  }
}
