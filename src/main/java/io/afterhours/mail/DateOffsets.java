package io.afterhours.mail;

import io.afterhours.reply.HeaderText;
import jakarta.mail.internet.MailDateFormat;
import java.text.ParsePosition;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sender's UTC offset, read from a Date header (RFC 5322 §3.3). Only the offset is wanted: the
 * arrival time comes from the server, never from the sender's clock.
 */
final class DateOffsets {
  private static final Pattern COMMENTS = Pattern.compile("\\([^)]*\\)");
  private static final Pattern NUMERIC_ZONE =
      Pattern.compile("(?<![\\d:])([+-])(\\d{2})(\\d{2})\\s*$");
  private static final Pattern NAMED_ZONE = Pattern.compile("\\s([A-Za-z]{1,3})\\s*$");

  /** RFC 5322 §4.3 obsolete zone names; single military letters are ignored, as §4.3 allows. */
  private static final Map<String, ZoneOffset> OBSOLETE_ZONES =
      Map.of(
          "UT", ZoneOffset.UTC,
          "GMT", ZoneOffset.UTC,
          "EST", ZoneOffset.ofHours(-5),
          "EDT", ZoneOffset.ofHours(-4),
          "CST", ZoneOffset.ofHours(-6),
          "CDT", ZoneOffset.ofHours(-5),
          "MST", ZoneOffset.ofHours(-7),
          "MDT", ZoneOffset.ofHours(-6),
          "PST", ZoneOffset.ofHours(-8),
          "PDT", ZoneOffset.ofHours(-7));

  private DateOffsets() {}

  /**
   * The offset of {@code dateHeader}; empty when the header is absent or is not a date, and for
   * {@code -0000}, which RFC 5322 §3.3 defines as "local offset unknown".
   */
  static Optional<ZoneOffset> offsetOf(String dateHeader) {
    if (dateHeader == null) {
      return Optional.empty();
    }
    String text = COMMENTS.matcher(HeaderText.clean(dateHeader)).replaceAll(" ").trim();
    if (text.isEmpty() || !looksLikeADate(text)) {
      return Optional.empty();
    }
    Matcher numeric = NUMERIC_ZONE.matcher(text);
    if (numeric.find()) {
      if (numeric.group().trim().equals("-0000")) {
        return Optional.empty();
      }
      return offset(numeric.group(1), numeric.group(2), numeric.group(3));
    }
    Matcher named = NAMED_ZONE.matcher(text);
    if (named.find()) {
      return Optional.ofNullable(OBSOLETE_ZONES.get(named.group(1).toUpperCase(Locale.ROOT)));
    }
    return Optional.empty();
  }

  /** A date the strict java.time parser or the lenient Jakarta Mail parser accepts. */
  private static boolean looksLikeADate(String text) {
    try {
      OffsetDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME);
      return true;
    } catch (DateTimeParseException e) {
      MailDateFormat lenient = new MailDateFormat();
      ParsePosition position = new ParsePosition(0);
      return lenient.parse(text, position) != null && position.getErrorIndex() < 0;
    }
  }

  private static Optional<ZoneOffset> offset(String sign, String hours, String minutes) {
    try {
      int h = Integer.parseInt(hours);
      int m = Integer.parseInt(minutes);
      int signum = sign.equals("-") ? -1 : 1;
      return Optional.of(ZoneOffset.ofHoursMinutes(signum * h, signum * m));
    } catch (DateTimeException | NumberFormatException e) {
      return Optional.empty();
    }
  }
}
