package io.afterhours.pass;

import io.afterhours.policy.MailAddress;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One message of the owner's Sent folder, as far as learning whom the owner writes to needs it: a
 * few header fields, never the body.
 *
 * @param uid its IMAP UID in the Sent folder
 * @param storedAt when the server stored it (IMAP INTERNALDATE), about when it was sent
 * @param messageId its Message-ID, with angle brackets, or empty
 * @param autoSubmitted the values of its Auto-Submitted fields
 * @param recipients the addresses of its To, Cc and Bcc fields
 */
public record SentMessage(
    long uid,
    Instant storedAt,
    String messageId,
    List<String> autoSubmitted,
    List<MailAddress> recipients) {
  public SentMessage {
    Objects.requireNonNull(storedAt, "storedAt");
    Objects.requireNonNull(messageId, "messageId");
    autoSubmitted = List.copyOf(autoSubmitted);
    recipients = List.copyOf(recipients);
  }
}
