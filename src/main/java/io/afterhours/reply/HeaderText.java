package io.afterhours.reply;

/**
 * Makes text safe for a header field. A subject or display name taken from a stranger's mail must
 * never end a header line early and start another one (DESIGN §5), so every control character, CR
 * and LF included, and the Unicode line and paragraph separators become a space.
 */
final class HeaderText {
  private HeaderText() {}

  static String clean(String value) {
    StringBuilder out = new StringBuilder(value.length());
    value.codePoints().map(c -> isLineBreakingOrControl(c) ? ' ' : c).forEach(out::appendCodePoint);
    return out.toString().replaceAll(" {2,}", " ").strip();
  }

  private static boolean isLineBreakingOrControl(int c) {
    return Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || c == '\u0085';
  }
}
