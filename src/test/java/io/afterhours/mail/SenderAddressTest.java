package io.afterhours.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.afterhours.policy.MailAddress;
import io.afterhours.policy.MessageFacts;
import io.afterhours.policy.UnusableAddress;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Where a reply would go for hostile and broken Return-Path, Sender and From fields: the address is
 * only ever the addr-spec the RFC 5322 parser found, and a field without a valid one leaves the
 * message without a sender (the policy skips it with NO_SENDER), never with a guess.
 */
class SenderAddressTest {
  private static final String NO_SENDER = "NO_SENDER";
  private static final Instant ARRIVAL = Instant.parse("2026-11-28T14:15:00Z");

  /** Each row: the field, its raw value, and where the reply goes (or NO_SENDER). */
  static Stream<Arguments> fields() {
    return Stream.of(
        // Ordinary mail.
        arguments("From", "Budi <budi@example.id>", "budi@example.id"),
        arguments("From", "budi@example.id", "budi@example.id"),
        arguments("From", "=?UTF-8?Q?Andr=C3=A9?= <andre@example.org>", "andre@example.org"),
        arguments("Return-Path", "<client@example.org>", "client@example.org"),
        arguments("Sender", "Assistant <assistant@example.org>", "assistant@example.org"),
        // Internationalized: a UTF-8 domain or local part is a real address (RFC 6531, RFC 6532).
        arguments("From", "u1@bücher.example", "u1@bücher.example"),
        arguments("From", "Dörte <dörte@bücher.example>", "dörte@bücher.example"),
        arguments("Return-Path", "<用户@例子.测试>", "用户@例子.测试"),
        // The address in a display name, a comment or a quoted string is not the address.
        arguments(
            "From", "\"client7@example.org\" <attacker@evil.example>", "attacker@evil.example"),
        arguments("From", "real@x.org (client7@example.org)", "real@x.org"),
        arguments("From", "\"client7@example.org\" <broken", NO_SENDER),
        arguments("From", "\"client7@example.org\"", NO_SENDER),
        arguments("From", "client7@example.org <broken", NO_SENDER),
        arguments("From", "<<not an address>> sloppy@example.org (Sloppy", NO_SENDER),
        arguments("From", "\"client7@example.org\"@evil.example", NO_SENDER),
        arguments("From", "\"john doe\"@example.org", NO_SENDER),
        // Encoded-words: decoded in a display name only, never an address (RFC 2047 §5).
        arguments(
            "From",
            "=?utf-8?q?_client6@example.org=0D=0AX-Injected?= <x@evil.example>",
            "x@evil.example"),
        arguments("From", "=?utf-8?q?_client6@example.org=0D=0AX-Injected?=", NO_SENDER),
        arguments("From", "<=?utf-8?q?broken>", NO_SENDER),
        arguments("From", "<=?utf-8?q?client6?=@example.org>", NO_SENDER),
        arguments("From", "client@=?utf-8?q?example?=.org", NO_SENDER),
        // Partial and malformed addresses.
        arguments("From", "user@", NO_SENDER),
        arguments("From", "@domain.example", NO_SENDER),
        arguments("From", "no-at-sign", NO_SENDER),
        arguments("From", "", NO_SENDER),
        arguments("From", "client@example.org.", NO_SENDER),
        arguments("From", "a..b@example.org", NO_SENDER),
        arguments("From", "client@exa_mple.org", NO_SENDER),
        arguments("From", "client@-example.org", NO_SENDER),
        arguments("From", "client@localhost", NO_SENDER),
        arguments("From", "client@192.0.2.1", NO_SENDER),
        arguments("From", "john@[192.0.2.1]", NO_SENDER),
        // java.net.IDN (IDNA2003) would answer straße.example at strasse.example, another domain.
        arguments("From", "hans@straße.example", NO_SENDER),
        // Groups name no mailbox to answer.
        arguments("From", "undisclosed-recipients:;", NO_SENDER),
        arguments("From", "Team: a@example.org, b@example.org;", NO_SENDER),
        // Return-Path and Sender hold one mailbox; a broken one is not replaced by From, which
        // may name someone else.
        arguments("Return-Path", "<a@example.org>, <b@example.org>", NO_SENDER),
        arguments("Return-Path", "<client@example.org", NO_SENDER),
        arguments("Return-Path", "<\"client7@example.org\"@evil.example>", NO_SENDER),
        arguments("Sender", "\"client7@example.org\" <broken", NO_SENDER),
        arguments("Sender", "=?utf-8?q?client6@example.org?=", NO_SENDER));
  }

  @ParameterizedTest(name = "{0}: {1} -> {2}")
  @MethodSource("fields")
  void aReplyGoesOnlyToTheAddressTheFieldReallyHolds(String field, String value, String expected)
      throws Exception {
    // From is always present, valid and different, so that a fall-back to it would show.
    String from = field.equals("From") ? value : "Fallback <fallback@example.net>";
    MessageFacts facts = read(field.equals("From") ? "" : field + ": " + value + "\r\n", from);

    if (expected.equals(NO_SENDER)) {
      assertThat(facts.replyAddress()).isEmpty();
      assertThat(facts.unusableSenderField())
          .get()
          .extracting(UnusableAddress::field, UnusableAddress::value)
          .containsExactly(field, value.strip());
    } else {
      assertThat(facts.replyAddress()).map(MailAddress::address).hasValue(expected);
      assertThat(facts.unusableSenderField()).isEmpty();
    }
  }

  private static MessageFacts read(String otherFields, String from) throws Exception {
    String raw =
        otherFields
            + "From: "
            + from
            + "\r\n"
            + "To: me@example.com\r\n"
            + "Subject: x\r\n"
            + "Message-ID: <x@example.com>\r\n"
            + "\r\n"
            + "body\r\n";
    // As the server stores it: raw UTF-8 bytes.
    MimeMessage message =
        new MimeMessage(
            Session.getInstance(new Properties()),
            new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
    return MessageFactsReader.read(message, ARRIVAL);
  }
}
