package io.afterhours.policy;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A shell-style pattern matched case-insensitively against a whole string: {@code *} stands for any
 * run of characters (also none), {@code ?} for exactly one, and every other character for itself.
 * There is no escape and no character class, so {@code "*.id"} and {@code "no-reply@*"} mean what
 * they look like. Used for {@code reply.never-reply-to}, {@code reply.internal-domains} and
 * language-by-domain.
 */
public final class GlobPattern {
  private final String glob;
  private final Pattern regex;

  private GlobPattern(String glob) {
    this.glob = glob;
    this.regex = Pattern.compile(toRegex(glob), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  }

  public static GlobPattern of(String glob) {
    return new GlobPattern(Objects.requireNonNull(glob, "glob"));
  }

  /** True when the whole of {@code text} matches, ignoring case. */
  public boolean matches(String text) {
    return regex.matcher(text).matches();
  }

  /** The pattern as written in the configuration. */
  public String glob() {
    return glob;
  }

  private static String toRegex(String glob) {
    StringBuilder regex = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*' || c == '?') {
        appendLiteral(regex, literal);
        regex.append(c == '*' ? ".*" : ".");
      } else {
        literal.append(c);
      }
    }
    appendLiteral(regex, literal);
    return regex.toString();
  }

  private static void appendLiteral(StringBuilder regex, StringBuilder literal) {
    if (literal.length() > 0) {
      regex.append(Pattern.quote(literal.toString()));
      literal.setLength(0);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GlobPattern other && glob.equals(other.glob);
  }

  @Override
  public int hashCode() {
    return glob.hashCode();
  }

  @Override
  public String toString() {
    return glob;
  }
}
