package io.afterhours.reply;

/**
 * The one sanitizer for text that goes into a header field, a log line or the decision history. A
 * subject or display name taken from a stranger's mail must never end a header line early and start
 * another one (DESIGN §5, §6), nor reorder what an operator reads.
 *
 * <ul>
 *   <li>Tab and every line break (CR, LF, VT, FF, NEL U+0085, LINE SEPARATOR U+2028, PARAGRAPH
 *       SEPARATOR U+2029) becomes one space.
 *   <li>Every other C0 and C1 control, NUL and DEL included, is removed.
 *   <li>The bidi embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069) are
 *       removed: they make text display in another order than it is written, so that an address or
 *       a log line reads as something else (Unicode TR #36; "Trojan Source", CVE-2021-42574). The
 *       marks LRM, RLM and ALM stay, like ZWJ and ZWNJ, which Arabic, Indic scripts and emoji need.
 *   <li>Runs of spaces become one; the ends are stripped.
 * </ul>
 */
public final class HeaderText {
  private HeaderText() {}

  /** {@code value} made safe for one header line; never null. */
  public static String clean(String value) {
    if (value == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(value.length());
    boolean lastWasSpace = false;
    for (int i = 0; i < value.length(); ) {
      int c = value.codePointAt(i);
      i += Character.charCount(c);
      if (isLineBreakOrTab(c) || c == ' ') {
        if (!lastWasSpace) {
          out.append(' ');
        }
        lastWasSpace = true;
      } else if (!Character.isISOControl(c) && !isBidiControl(c)) {
        out.appendCodePoint(c);
        lastWasSpace = false;
      }
    }
    return out.toString().strip();
  }

  private static boolean isLineBreakOrTab(int c) {
    return (c >= '\t' && c <= '\r') || c == '\u0085' || c == '\u2028' || c == '\u2029';
  }

  /** Embeddings and overrides (LRE, RLE, PDF, LRO, RLO) and isolates (LRI, RLI, FSI, PDI). */
  private static boolean isBidiControl(int c) {
    return (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
  }
}
