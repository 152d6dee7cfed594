package io.afterhours.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.afterhours.mail.MessageFactsReader;
import io.afterhours.policy.MessageFacts;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageKeysTest {
  private static final Instant ARRIVAL = Instant.parse("2026-11-28T14:00:00Z");
  private static final String DATE = "Date: Sat, 28 Nov 2026 21:00:00 +0700";

  private static MessageFacts facts(String subject, Instant arrival, String... extra) {
    return MessageFactsReader.fromFields(
        "Budi <budi@example.org>", "owner@example.com", subject, List.of(extra), arrival);
  }

  @Test
  void aMessageIdIsTheKey() {
    MessageFacts facts = facts("Revisi logo", ARRIVAL, DATE, "Message-ID: <abc@klien>");

    assertThat(MessageKeys.of(facts, "work")).isEqualTo("<abc@klien>");
  }

  @Test
  void withoutAMessageIdTheSameMessageGetsTheSameKeyWhenItComesBackLater() {
    String first = MessageKeys.of(facts("Revisi logo", ARRIVAL, DATE), "work");
    String again =
        MessageKeys.of(facts("Revisi logo", ARRIVAL.plus(Duration.ofDays(1)), DATE), "work");

    assertThat(first)
        .isEqualTo(again)
        .startsWith("<no-message-id.")
        .endsWith("@work.afterhours.invalid>");
  }

  @Test
  void withoutAMessageIdDifferentSubjectsDatesOrSendersGetDifferentKeys() {
    String base = MessageKeys.of(facts("Revisi logo", ARRIVAL, DATE), "work");

    assertThat(MessageKeys.of(facts("Revisi logo 2", ARRIVAL, DATE), "work")).isNotEqualTo(base);
    assertThat(
            MessageKeys.of(
                facts("Revisi logo", ARRIVAL, "Date: Sat, 28 Nov 2026 21:00:01 +0700"), "work"))
        .isNotEqualTo(base);
    assertThat(
            MessageKeys.of(
                MessageFactsReader.fromFields(
                    "Ani <ani@example.org>",
                    "owner@example.com",
                    "Revisi logo",
                    List.of(DATE),
                    ARRIVAL),
                "work"))
        .isNotEqualTo(base);
  }

  @Test
  void withoutADateHeaderEitherTheArrivalTimeTellsMessagesApart() {
    assertThat(MessageKeys.of(facts("Revisi logo", ARRIVAL), "work"))
        .isNotEqualTo(MessageKeys.of(facts("Revisi logo", ARRIVAL.plusSeconds(60)), "work"));
  }

  @Test
  void aMailboxNameIsMadeSafeForTheDomainPart() {
    assertThat(MessageKeys.of(facts("x", ARRIVAL, DATE), "Budi's office"))
        .endsWith("@Budi-s-office.afterhours.invalid>");
  }
}
