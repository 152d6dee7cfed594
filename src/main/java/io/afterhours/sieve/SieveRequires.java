package io.afterhours.sieve;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The extensions a Sieve script asks for with {@code require}, read past comments, strings and
 * multi-line {@code text:} literals, so that a word in a comment or a vacation text counts for
 * nothing.
 */
final class SieveRequires {
  private final String text;
  private int at;

  private SieveRequires(String text) {
    this.text = text;
  }

  /** Every capability named by a {@code require} command of {@code script}, lower case. */
  static Set<String> of(String script) {
    return new SieveRequires(script).scan();
  }

  private Set<String> scan() {
    Set<String> found = new LinkedHashSet<>();
    boolean afterRequire = false;
    while (at < text.length()) {
      char c = text.charAt(at);
      if (c == '#') {
        skipLine();
      } else if (c == '/' && text.startsWith("/*", at)) {
        int end = text.indexOf("*/", at + 2);
        at = end < 0 ? text.length() : end + 2;
      } else if (c == '"') {
        String s = quoted();
        if (afterRequire) {
          found.add(s.toLowerCase(Locale.ROOT));
        }
      } else if (text.startsWith("text:", at)) {
        skipMultiLine();
      } else if (Character.isLetter(c) || c == '_') {
        int start = at;
        while (at < text.length()
            && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_')) {
          at++;
        }
        afterRequire = text.substring(start, at).equalsIgnoreCase("require");
      } else {
        if (c == ';') {
          afterRequire = false;
        }
        at++;
      }
    }
    return found;
  }

  private String quoted() {
    StringBuilder s = new StringBuilder();
    at++;
    while (at < text.length() && text.charAt(at) != '"') {
      if (text.charAt(at) == '\\' && at + 1 < text.length()) {
        at++;
      }
      s.append(text.charAt(at++));
    }
    at++;
    return s.toString();
  }

  /** From {@code text:} to the line holding a single dot (RFC 5228 §2.4.2). */
  private void skipMultiLine() {
    skipLine();
    while (at < text.length()) {
      int end = text.indexOf('\n', at);
      String line = (end < 0 ? text.substring(at) : text.substring(at, end)).stripTrailing();
      at = end < 0 ? text.length() : end + 1;
      if (line.equals(".")) {
        return;
      }
    }
  }

  private void skipLine() {
    int end = text.indexOf('\n', at);
    at = end < 0 ? text.length() : end + 1;
  }
}
