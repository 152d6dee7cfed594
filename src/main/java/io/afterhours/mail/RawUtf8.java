package io.afterhours.mail;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads a header value that was written in raw UTF-8 (RFC 6532) as UTF-8, however the mail library
 * read it.
 *
 * <p>Angus Mail's {@code IMAPMessage} loads fetched headers with {@code
 * InternetHeaders.load(InputStream)}, which ignores the session's {@code mail.mime.allowutf8} and
 * makes one char of each byte (ISO-8859-1): the three bytes of the dash in {@code Jadwal rapat —
 * minggu depan} arrive as {@code â} and two C1 controls. Because that reading loses nothing, the
 * bytes are recovered exactly and decoded again, the way Angus's own {@code LineInputStream} does
 * when the {@code mail.mime.allowutf8} system property is set: as UTF-8 when they are valid UTF-8,
 * else left as 8-bit text (legacy mail in Latin-1 stays readable). The system property is not an
 * option: it is global, and it also changes how every {@code InternetAddress} is validated.
 */
final class RawUtf8 {
  private RawUtf8() {}

  /** {@code value} decoded as UTF-8 if it is UTF-8 bytes read one char per byte; else itself. */
  static String recover(String value) {
    boolean eightBit = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c > 0xFF) {
        return value; // not a byte-per-char reading: already decoded
      }
      eightBit |= c >= 0x80;
    }
    if (!eightBit) {
      return value;
    }
    CharsetDecoder utf8 =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      return utf8.decode(ByteBuffer.wrap(value.getBytes(StandardCharsets.ISO_8859_1))).toString();
    } catch (CharacterCodingException e) {
      return value;
    }
  }
}
