package io.afterhours.daemon;

import io.afterhours.policy.MailAddress;
import io.afterhours.policy.MessageFacts;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The key under which a message's decision and reply are recorded: its Message-ID, or for a message
 * without one a stand-in made from what the message says about itself (sender, Date, subject,
 * recipients). Never the UID: a folder renumbered by a UIDVALIDITY change gives the same message a
 * new UID, and the reply log must still know it (DESIGN §6).
 *
 * <p>Two different messages without a Message-ID that agree on all of these fields share a key, so
 * only the first is answered; the once-per-window rule would have skipped the second anyway.
 */
final class MessageKeys {
  private static final int HASH_BYTES = 16;

  private MessageKeys() {}

  static String of(MessageFacts facts, String mailbox) {
    if (!facts.messageId().isBlank()) {
      return facts.messageId();
    }
    return "<no-message-id."
        + HexFormat.of().formatHex(digest(fingerprint(facts)), 0, HASH_BYTES)
        + "@"
        + mailbox.replaceAll("[^A-Za-z0-9.-]", "-")
        + ".afterhours.invalid>";
  }

  /**
   * The fields that identify a message without a Message-ID. The Date header is the sender's and
   * survives a renumbering; only a message without one falls back to the arrival time.
   */
  private static String fingerprint(MessageFacts facts) {
    String date =
        facts.headers().first("Date").map(String::strip).orElse(facts.arrival().toString());
    return String.join(
        "\n",
        addresses(facts.from()),
        facts.sender().map(MailAddress::address).orElse(""),
        facts.returnPath().map(MailAddress::address).orElse(""),
        date,
        facts.subject(),
        addresses(facts.recipients()));
  }

  private static String addresses(java.util.List<MailAddress> list) {
    return list.stream()
        .map(a -> a.address().toLowerCase(Locale.ROOT))
        .collect(Collectors.joining(","));
  }

  private static byte[] digest(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
