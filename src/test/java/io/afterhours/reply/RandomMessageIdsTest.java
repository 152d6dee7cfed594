package io.afterhours.reply;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RandomMessageIdsTest {
  private final RandomMessageIds ids = new RandomMessageIds();
  private final Instant at = Instant.parse("2026-11-28T14:16:30Z");

  @Test
  void makesADifferentIdEachTimeOnTheOwnersDomain() {
    String first = ids.messageIdFor("kantor.co.id", at);
    String second = ids.messageIdFor("kantor.co.id", at);

    assertThat(first).matches("<afterhours\\.[0-9a-z]+\\.[0-9a-f]{24}@kantor\\.co\\.id>");
    assertThat(second).isNotEqualTo(first);
  }

  @Test
  void neverPutsAnUnsafeDomainIntoTheId() {
    assertThat(ids.messageIdFor("evil>\r\nX: y", at)).endsWith("@afterhours.invalid>");
    assertThat(ids.messageIdFor("", at)).endsWith("@afterhours.invalid>");
  }
}
