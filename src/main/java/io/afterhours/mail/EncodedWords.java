package io.afterhours.mail;

import io.afterhours.reply.HeaderText;
import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;
import java.util.regex.Pattern;

/**
 * Turns a raw header value into safe text: unfolded, RFC 2047 encoded-words decoded, then cleaned
 * by the one sanitizer, {@link HeaderText#clean}, so that a decoded value can never start a new
 * header line in a reply (DESIGN.md §5).
 */
final class EncodedWords {
  private static final Pattern ENCODED_WORD =
      Pattern.compile("=\\?[^?\\s]+\\?[bBqQ]\\?[^?\\s]*\\?=");

  private EncodedWords() {}

  /** Unfolds, decodes and cleans {@code raw}; a broken encoded-word is left as it was written. */
  static String decode(String raw) {
    if (raw == null) {
      return "";
    }
    String unfolded = MimeUtility.unfold(raw);
    return HeaderText.clean(decodeWords(unfolded));
  }

  private static String decodeWords(String text) {
    try {
      return MimeUtility.decodeText(text);
    } catch (UnsupportedEncodingException | RuntimeException e) {
      return decodeWordByWord(text);
    }
  }

  /**
   * The whole value failed (an unknown charset, a bad base64 word): decode each word alone and keep
   * the ones that cannot be decoded as they are.
   */
  private static String decodeWordByWord(String text) {
    var matcher = ENCODED_WORD.matcher(text);
    StringBuilder out = new StringBuilder();
    int last = 0;
    while (matcher.find()) {
      String between = text.substring(last, matcher.start());
      // RFC 2047 §6.2: white space between adjacent encoded-words is not displayed.
      if (!(last > 0 && between.isBlank())) {
        out.append(between);
      }
      out.append(decodeOneWord(matcher.group()));
      last = matcher.end();
    }
    out.append(text.substring(last));
    return out.toString();
  }

  private static String decodeOneWord(String word) {
    try {
      return MimeUtility.decodeWord(word);
    } catch (Exception e) {
      return word;
    }
  }
}
