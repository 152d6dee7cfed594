package io.afterhours.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.afterhours.policy.MailAddress;
import io.afterhours.policy.MessageFacts;
import io.afterhours.policy.UnusableAddress;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageFactsReaderTest {
  private static final Instant ARRIVAL = Instant.parse("2026-11-30T14:20:00Z");

  private static MessageFacts sample(String name) throws Exception {
    return MessageFactsReader.readEml(resource(name), ARRIVAL);
  }

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(MessageFactsReaderTest.class.getResource("/mail/" + name).toURI());
  }

  @Test
  void decodesEncodedWordsInSubjectAndDisplayName() throws Exception {
    MessageFacts facts = sample("rfc2047-subject.eml");

    assertThat(facts.subject()).isEqualTo("Rapat besok — café");
    assertThat(facts.from())
        .containsExactly(new MailAddress("budi@example.id", "Budi Santoso — Café"));
    assertThat(facts.headers().first("From")).hasValue("Budi Santoso — Café <budi@example.id>");
  }

  @Test
  void collectsEveryRecipientFieldIncludingGroupsAndResent() throws Exception {
    MessageFacts facts = sample("rfc2047-subject.eml");

    assertThat(facts.recipients())
        .extracting(MailAddress::address)
        .containsExactly(
            "me@example.com",
            "other@example.com",
            "a@example.com",
            "b@example.com",
            "resent@example.com");
    assertThat(facts.recipients().get(1).name()).isEqualTo("Other, Person");
  }

  @Test
  void readsIdsReturnPathOffsetAndArrival() throws Exception {
    MessageFacts facts = sample("rfc2047-subject.eml");

    assertThat(facts.messageId()).isEqualTo("<abc.123@example.id>");
    assertThat(facts.inReplyTo()).containsExactly("<parent@example.id>");
    assertThat(facts.references()).containsExactly("<root@example.id>", "<parent@example.id>");
    assertThat(facts.returnPath()).hasValue(MailAddress.of("budi@example.id"));
    assertThat(facts.nullSender()).isFalse();
    assertThat(facts.sentOffset()).hasValue(ZoneOffset.ofHours(7));
    assertThat(facts.arrival()).isEqualTo(ARRIVAL);
  }

  @Test
  void anEmptyReturnPathIsTheNullSender() throws Exception {
    MessageFacts facts = sample("null-sender.eml");

    assertThat(facts.nullSender()).isTrue();
    assertThat(facts.returnPath()).isEmpty();
    assertThat(facts.replyAddress()).isEmpty();
    assertThat(facts.headers().first("Auto-Submitted")).hasValue("auto-replied");
  }

  @Test
  void aBrokenDateGivesNoOffsetAndFoldedHeadersAreUnfolded() throws Exception {
    MessageFacts facts = sample("broken-date-folded.eml");

    assertThat(facts.sentOffset()).isEmpty();
    assertThat(facts.subject()).isEqualTo("This subject is folded across two lines");
    assertThat(facts.headers().first("x-custom")).hasValue("first second");
    assertThat(facts.from()).containsExactly(new MailAddress("client@example.org", "Client"));
  }

  @Test
  void anEncodedLineBreakInTheSubjectCannotInjectAHeader() throws Exception {
    MessageFacts facts = sample("header-injection.eml");

    assertThat(facts.subject()).doesNotContain("\r", "\n").startsWith("Hello Bcc:");
    assertThat(facts.headers().has("Bcc")).isFalse();
    assertThat(facts.recipients())
        .extracting(MailAddress::address)
        .containsExactly("me@example.com");
    assertThat(facts.sentOffset()).hasValue(ZoneOffset.ofHours(-5));
  }

  @Test
  void malformedHeadersAreReadAsFarAsTheyCanBe() throws Exception {
    MessageFacts facts = sample("malformed.eml");

    assertThat(facts.from()).as("no address is guessed from a broken From").isEmpty();
    assertThat(facts.replyAddress()).isEmpty();
    assertThat(facts.unusableSenderField())
        .hasValue(
            new UnusableAddress(
                "From",
                "<<not an address>> sloppy@example.org (Sloppy",
                "not an address: Missing '<'"));
    assertThat(facts.recipients()).extracting(MailAddress::address).contains("me@example.com");
    assertThat(facts.subject()).contains("broken", "ok fine");
    // RFC 5322 §3.3: -0000 means the sender's offset is unknown.
    assertThat(facts.sentOffset()).isEmpty();
    assertThat(facts.messageId()).isEqualTo("<garbage@example.org>");
  }

  @Test
  void rawUtf8HeaderFieldsAreReadAsUtf8AndLegacy8BitTextStaysReadable() throws Exception {
    MessageFacts facts = sample("raw-utf8.eml");

    assertThat(facts.subject()).isEqualTo("Jadwal rapat — minggu depan");
    assertThat(facts.replyAddress()).hasValue(new MailAddress("u1@bücher.example", "Dörte Müller"));
    assertThat(facts.messageId()).isEqualTo("<utf8.1@bücher.example>");
    // Not UTF-8: a legacy sender's Latin-1 byte is kept as the Latin-1 character.
    assertThat(facts.headers().first("X-Legacy")).hasValue("café in Latin-1");
  }

  @Test
  void commandLineFieldsGoThroughTheSameReader() {
    MessageFacts facts =
        MessageFactsReader.fromFields(
            "Budi <budi@example.id>",
            "me@example.com",
            "Tolong dibalas — terima kasih",
            List.of("Return-Path: <>", "Date: Mon, 30 Nov 2026 21:15:00 +0700", "List-Id: x"),
            ARRIVAL);

    assertThat(facts.from()).containsExactly(new MailAddress("budi@example.id", "Budi"));
    assertThat(facts.recipients()).containsExactly(MailAddress.of("me@example.com"));
    assertThat(facts.subject()).isEqualTo("Tolong dibalas — terima kasih");
    assertThat(facts.nullSender()).isTrue();
    assertThat(facts.sentOffset()).hasValue(ZoneOffset.ofHours(7));
    assertThat(facts.headers().has("list-id")).isTrue();
    assertThat(facts.messageId()).isEmpty();
  }

  @Test
  void aCommandLineHeaderWithoutAColonIsRefused() {
    assertThatThrownBy(
            () -> MessageFactsReader.fromFields("a@b.c", "", "", List.of("no colon here"), ARRIVAL))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no colon here");
  }
}
