package io.afterhours.policy;

/**
 * The short operator-facing text of a skip. It goes into logs and the history table, so it is
 * clipped and holds no line breaks, whatever a sender put into a header.
 */
final class SkipDetail {
  private static final int MAX_VALUE = 120;

  /** For a whole raw field an operator must see to understand a skip, such as an unusable From. */
  static final int MAX_RAW_VALUE = 200;

  private SkipDetail() {}

  /** {@code "List-Id: <dev.example.org>"}. */
  static String header(String name, String value) {
    return (displayName(name) + ": " + clip(value)).strip();
  }

  /** Text from a message, single-line and at most {@value #MAX_VALUE} characters. */
  static String clip(String text) {
    return clip(text, MAX_VALUE);
  }

  /** Text from a message, single-line and at most {@code max} characters. */
  static String clip(String text, int max) {
    String line = text.replaceAll("[\\r\\n\\t]+", " ").strip();
    if (line.length() <= max) {
      return line;
    }
    // Never cut a surrogate pair in half: the history would store a lone surrogate.
    int end = Character.isLowSurrogate(line.charAt(max)) ? max - 1 : max;
    return line.substring(0, end) + "…";
  }

  /** {@code "list-unsubscribe"} as it is usually written, {@code "List-Unsubscribe"}. */
  static String displayName(String name) {
    StringBuilder shown = new StringBuilder(name.length());
    boolean startOfWord = true;
    for (char c : name.toCharArray()) {
      shown.append(startOfWord ? Character.toUpperCase(c) : Character.toLowerCase(c));
      startOfWord = c == '-';
    }
    return shown.toString();
  }
}
