package io.afterhours.reply;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The one header sanitizer: what it removes, what it turns into a space, and what it keeps. */
class HeaderTextTest {

  static Stream<Integer> lineBreaks() {
    return Stream.of((int) '\t', (int) '\n', 0x0B, 0x0C, (int) '\r', 0x0085, 0x2028, 0x2029);
  }

  /** Every C0 and C1 control, and DEL, that is not a line break or tab. */
  static Stream<Integer> otherControls() {
    return IntStream.concat(IntStream.rangeClosed(0x00, 0x1F), IntStream.rangeClosed(0x7F, 0x9F))
        .filter(c -> lineBreaks().noneMatch(b -> b == c))
        .boxed();
  }

  static Stream<Integer> bidiControls() {
    return IntStream.concat(
            IntStream.rangeClosed(0x202A, 0x202E), IntStream.rangeClosed(0x2066, 0x2069))
        .boxed();
  }

  private static String around(int c) {
    return "Rapat" + Character.toString(c) + "besok";
  }

  @ParameterizedTest(name = "code point {0}")
  @MethodSource("lineBreaks")
  void eachLineBreakAndTabBecomesOneSpace(int c) {
    assertThat(HeaderText.clean(around(c))).isEqualTo("Rapat besok");
    assertThat(HeaderText.clean("Hi" + Character.toString(c) + "Bcc: all@example.com"))
        .isEqualTo("Hi Bcc: all@example.com");
  }

  @ParameterizedTest(name = "code point {0}")
  @MethodSource("otherControls")
  void everyOtherControlIsRemoved(int c) {
    assertThat(HeaderText.clean(around(c))).isEqualTo("Rapatbesok");
  }

  @ParameterizedTest(name = "code point {0}")
  @MethodSource("bidiControls")
  void bidiOverridesAndIsolatesAreRemoved(int c) {
    assertThat(HeaderText.clean(around(c))).isEqualTo("Rapatbesok");
  }

  @Test
  void aCrLfPairAndRunsOfSpacesBecomeOneSpaceAndTheEndsAreStripped() {
    assertThat(HeaderText.clean("  Hi\r\n \tBcc:   x@example.com\r\n\r\n"))
        .isEqualTo("Hi Bcc: x@example.com");
  }

  @Test
  void aReversedAddressCannotHideBehindAnOverride() {
    // U+202E RIGHT-TO-LEFT OVERRIDE would display "elpmaxe.live" as "evil.example".
    assertThat(HeaderText.clean("client@\u202Eelpmaxe.live")).isEqualTo("client@elpmaxe.live");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Jadwal rapat — minggu depan",
        "क्‍ष and ज्ञ", // ZWJ inside a Devanagari conjunct
        "می‌خواهم", // ZWNJ in Persian
        "👩‍💻 café", // ZWJ emoji sequence, a surrogate pair
        "שלום\u200F abc \u200E", // RLM and LRM marks stay
        "東京 ✓"
      })
  void realTextIsKeptAsItIs(String text) {
    assertThat(HeaderText.clean(text)).isEqualTo(text.strip());
  }

  @Test
  void nullIsEmpty() {
    assertThat(HeaderText.clean(null)).isEmpty();
  }
}
