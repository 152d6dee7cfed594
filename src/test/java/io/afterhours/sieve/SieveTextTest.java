package io.afterhours.sieve;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SieveTextTest {
  @Test
  void quotedStringsEscapeBackslashAndQuoteAndHoldNoLineBreak() {
    assertThat(SieveText.quoted("a \"b\" \\ c\r\nd")).isEqualTo("\"a \\\"b\\\" \\\\ c  d\"");
  }

  @Test
  void aListOfOneIsAStringAndLongerOnesAreBracketed() {
    assertThat(SieveText.list(List.of("a"))).isEqualTo("\"a\"");
    assertThat(SieveText.list(List.of("a", "b"))).isEqualTo("[\"a\", \"b\"]");
  }

  @Test
  void multiLineTextDoublesLeadingDotsAndEndsWithALoneDot() {
    assertThat(SieveText.multiLine("Hi\r\n.hidden\n..\nbye\n"))
        .isEqualTo("text:\nHi\n..hidden\n...\nbye\n.\n");
  }

  @Test
  void dollarBraceIsKeptFromVariableExpansion() {
    assertThat(SieveText.literal("costs ${x} or $5")).isEqualTo("costs ${ah_dollar}{x} or $5");
  }

  @Test
  void aGlobBecomesAMatchKeyWithItsBackslashesEscaped() {
    assertThat(SieveText.matchKey(" *.co.id ")).isEqualTo("*.co.id");
    assertThat(SieveText.matchKey("a\\b*")).isEqualTo("a\\\\b*");
  }
}
