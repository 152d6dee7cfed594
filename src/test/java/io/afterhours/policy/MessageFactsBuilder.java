package io.afterhours.policy;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Makes {@link MessageFacts} in one line. The default is an ordinary message from a client to the
 * owner that arrived on a Saturday, when the {@link Fixtures#WEEKEND} window is closed.
 */
final class MessageFactsBuilder {
  private String messageId = "<m1@client.example.org>";
  private Instant arrival = Fixtures.SATURDAY_MORNING;
  private boolean nullSender;
  private Optional<MailAddress> returnPath = Optional.of(MailAddress.of("client@example.org"));
  private List<MailAddress> from = List.of(new MailAddress("client@example.org", "Clara Client"));
  private Optional<MailAddress> sender = Optional.empty();
  private List<MailAddress> to = List.of(Fixtures.MAILBOX.owner());
  private final List<MailAddress> otherRecipients = new ArrayList<>();
  private final List<String> inReplyTo = new ArrayList<>();
  private final List<String> references = new ArrayList<>();
  private final Map<String, List<String>> headers = new LinkedHashMap<>();
  private final List<UnusableAddress> unusableSenders = new ArrayList<>();

  private MessageFactsBuilder() {}

  static MessageFactsBuilder aMessage() {
    return new MessageFactsBuilder();
  }

  MessageFactsBuilder messageId(String id) {
    this.messageId = id;
    return this;
  }

  MessageFactsBuilder arrivedAt(Instant t) {
    this.arrival = t;
    return this;
  }

  /** {@code Return-Path: <>}. */
  MessageFactsBuilder withNullSender() {
    this.nullSender = true;
    this.returnPath = Optional.empty();
    return this;
  }

  MessageFactsBuilder returnPath(String address) {
    this.returnPath = Optional.of(MailAddress.of(address));
    return this;
  }

  MessageFactsBuilder withoutReturnPath() {
    this.returnPath = Optional.empty();
    return this;
  }

  MessageFactsBuilder from(String... addresses) {
    this.from = addresses(addresses);
    return this;
  }

  MessageFactsBuilder sender(String address) {
    this.sender = Optional.of(MailAddress.of(address));
    return this;
  }

  /** Replaces the default To (the owner). */
  MessageFactsBuilder to(String... addresses) {
    this.to = addresses(addresses);
    return this;
  }

  MessageFactsBuilder cc(String... addresses) {
    otherRecipients.addAll(addresses(addresses));
    return this;
  }

  MessageFactsBuilder bcc(String... addresses) {
    otherRecipients.addAll(addresses(addresses));
    return this;
  }

  MessageFactsBuilder resentTo(String... addresses) {
    otherRecipients.addAll(addresses(addresses));
    return this;
  }

  MessageFactsBuilder inReplyTo(String... ids) {
    inReplyTo.addAll(List.of(ids));
    return this;
  }

  MessageFactsBuilder references(String... ids) {
    references.addAll(List.of(ids));
    return this;
  }

  /**
   * {@code field} (Return-Path, Sender or From) is present but holds no valid address, as the mail
   * adapter reports it; the field's parsed value is removed.
   */
  MessageFactsBuilder unusable(String field, String value, String problem) {
    switch (field) {
      case "Return-Path" -> returnPath = Optional.empty();
      case "Sender" -> sender = Optional.empty();
      case "From" -> from = List.of();
      default -> throw new IllegalArgumentException(field);
    }
    unusableSenders.add(new UnusableAddress(field, value, problem));
    return this;
  }

  MessageFactsBuilder header(String name, String value) {
    headers.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
    return this;
  }

  MessageFacts build() {
    List<MailAddress> recipients = new ArrayList<>(to);
    recipients.addAll(otherRecipients);
    return new MessageFacts(
        messageId,
        arrival,
        nullSender,
        returnPath,
        from,
        sender,
        recipients,
        "Quarterly figures",
        inReplyTo,
        references,
        Optional.of(ZoneOffset.ofHours(1)),
        Headers.of(headers),
        unusableSenders);
  }

  private static List<MailAddress> addresses(String... addresses) {
    return java.util.Arrays.stream(addresses).map(MailAddress::of).toList();
  }
}
