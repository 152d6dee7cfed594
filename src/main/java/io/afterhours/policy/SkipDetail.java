package io.afterhours.policy;

/**
 * The short operator-facing text of a skip. It goes into logs and the history table, so it is
 * clipped and holds no line breaks, whatever a sender put into a header.
 */
final class SkipDetail {
  private static final int MAX_VALUE = 120;

  private SkipDetail() {}

  /** {@code "List-Id: <dev.example.org>"}. */
  static String header(String name, String value) {
    return (displayName(name) + ": " + clip(value)).strip();
  }

  /** Text from a message, single-line and at most {@value #MAX_VALUE} characters. */
  static String clip(String text) {
    String line = text.replaceAll("[\\r\\n\\t]+", " ").strip();
    return line.length() <= MAX_VALUE ? line : line.substring(0, MAX_VALUE) + "…";
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
