package io.afterhours.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Header text read one char per byte (as Angus reads IMAP headers) becomes UTF-8 text again. */
class RawUtf8Test {
  private static String readByteByByte(String text) {
    return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
  }

  @Test
  void utf8BytesReadAsLatin1AreDecodedAsUtf8() {
    for (String text :
        new String[] {"Jadwal rapat — minggu depan", "Dörte <u1@bücher.example>", "東京 👋"}) {
      assertThat(RawUtf8.recover(readByteByByte(text))).isEqualTo(text);
    }
  }

  @Test
  void bytesThatAreNotUtf8StayAsRead() {
    assertThat(RawUtf8.recover("caf\u00e9 \u00e0 la carte")).isEqualTo("café à la carte");
  }

  @Test
  void textThatWasAlreadyDecodedOrIsAsciiIsLeftAlone() {
    assertThat(RawUtf8.recover("Jadwal rapat — minggu depan"))
        .isEqualTo("Jadwal rapat — minggu depan");
    assertThat(RawUtf8.recover("plain ascii")).isEqualTo("plain ascii");
    assertThat(RawUtf8.recover("")).isEmpty();
  }
}
