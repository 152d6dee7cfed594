package io.afterhours.policy;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the policy may know of one incoming message: its header facts and its arrival time. Built by
 * the mail adapter from a real message (headers only), or by {@code preview} from the command line.
 *
 * @param messageId the Message-ID with its angle brackets, or empty when the message has none
 * @param arrival when the server received it (IMAP INTERNALDATE), never the sender's Date header
 * @param nullSender true when {@code Return-Path: <>} (a bounce or other automatic message)
 * @param returnPath the envelope sender from Return-Path, when present and not null
 * @param from the From addresses (usually one)
 * @param sender the Sender address, when present
 * @param recipients every address of To, Cc, Bcc, Resent-To, Resent-Cc and Resent-Bcc
 * @param subject the decoded subject, CR and LF removed; empty when absent
 * @param inReplyTo the In-Reply-To message ids
 * @param references the References message ids, oldest first
 * @param sentOffset the UTC offset of the Date header, the sender's local offset
 * @param headers all header fields, decoded, for the rules that look at raw fields
 * @param unusableSenders the Return-Path, Sender and From fields that are present but hold no
 *     address a reply may go to; each such field is absent from {@code returnPath}, {@code sender}
 *     or {@code from}
 */
public record MessageFacts(
    String messageId,
    Instant arrival,
    boolean nullSender,
    Optional<MailAddress> returnPath,
    List<MailAddress> from,
    Optional<MailAddress> sender,
    List<MailAddress> recipients,
    String subject,
    List<String> inReplyTo,
    List<String> references,
    Optional<ZoneOffset> sentOffset,
    Headers headers,
    List<UnusableAddress> unusableSenders) {
  public MessageFacts {
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(arrival, "arrival");
    Objects.requireNonNull(returnPath, "returnPath");
    from = List.copyOf(from);
    Objects.requireNonNull(sender, "sender");
    recipients = List.copyOf(recipients);
    Objects.requireNonNull(subject, "subject");
    inReplyTo = List.copyOf(inReplyTo);
    references = List.copyOf(references);
    Objects.requireNonNull(sentOffset, "sentOffset");
    Objects.requireNonNull(headers, "headers");
    unusableSenders = List.copyOf(unusableSenders);
  }

  /** Facts whose Return-Path, Sender and From fields were all usable or absent. */
  public MessageFacts(
      String messageId,
      Instant arrival,
      boolean nullSender,
      Optional<MailAddress> returnPath,
      List<MailAddress> from,
      Optional<MailAddress> sender,
      List<MailAddress> recipients,
      String subject,
      List<String> inReplyTo,
      List<String> references,
      Optional<ZoneOffset> sentOffset,
      Headers headers) {
    this(
        messageId,
        arrival,
        nullSender,
        returnPath,
        from,
        sender,
        recipients,
        subject,
        inReplyTo,
        references,
        sentOffset,
        headers,
        List.of());
  }

  /**
   * Where a reply goes (RFC 3834 §4): the Return-Path, else Sender, else From; with the display
   * name from From when the addresses match. The first of these fields that is present decides:
   * when it holds no usable address ({@link #unusableSenderField()}) there is no reply address,
   * because the next field may name someone other than the sender.
   */
  public Optional<MailAddress> replyAddress() {
    if (nullSender || unusableSenderField().isPresent()) {
      return Optional.empty();
    }
    Optional<MailAddress> target = returnPath.or(() -> sender).or(() -> from.stream().findFirst());
    return target.map(
        t ->
            from.stream()
                .filter(f -> f.sameAddressAs(t.address()) && !f.name().isEmpty())
                .findFirst()
                .map(f -> new MailAddress(t.address(), f.name()))
                .orElse(t));
  }

  /**
   * The field that leaves the message without a reply address, if that is why: the first of
   * Return-Path, Sender and From that is present, when it holds no usable address.
   */
  public Optional<UnusableAddress> unusableSenderField() {
    if (nullSender || returnPath.isPresent()) {
      return Optional.empty();
    }
    Optional<UnusableAddress> badReturnPath = unusable("Return-Path");
    if (badReturnPath.isPresent() || sender.isPresent()) {
      return badReturnPath;
    }
    Optional<UnusableAddress> badSender = unusable("Sender");
    if (badSender.isPresent() || !from.isEmpty()) {
      return badSender;
    }
    return unusable("From");
  }

  private Optional<UnusableAddress> unusable(String field) {
    return unusableSenders.stream().filter(u -> u.field().equalsIgnoreCase(field)).findFirst();
  }
}
