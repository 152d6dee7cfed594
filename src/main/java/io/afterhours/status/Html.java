package io.afterhours.status;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * Writing the status page safely: every piece of text that is not the page's own markup goes
 * through {@link #text}, whatever its source (a subject, a display name, a note typed on the page).
 */
final class Html {
  private static final DateTimeFormatter DAY_AND_TIME =
      DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm", Locale.ENGLISH);
  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

  private Html() {}

  /** Text or an attribute value: {@code & < > " '} escaped, controls but tab and newline gone. */
  static String text(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> {
          if (c >= 0x20 && c != 0x7f || c == '\n' || c == '\t') {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  /** A path segment: a mailbox name in a link. */
  static String segment(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** "Mon 30 Nov 2026 08:00" in {@code zone}, with the ISO instant as its title. */
  static String time(Instant t, ZoneId zone) {
    String iso = t.truncatedTo(ChronoUnit.SECONDS).atZone(zone).toOffsetDateTime().toString();
    return "<time datetime=\""
        + text(iso)
        + "\" title=\""
        + text(iso)
        + "\">"
        + text(DAY_AND_TIME.format(t.atZone(zone)))
        + "</time>";
  }

  /** A local time as the away form takes it back: "2026-11-30T08:00". */
  static String local(Instant t, ZoneId zone) {
    return LOCAL.format(t.atZone(zone));
  }
}
