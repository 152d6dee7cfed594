package io.afterhours.policy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The reply history as a list in memory: what a test says was sent, and nothing else. */
final class InMemoryReplyHistory implements ReplyHistory {
  private record SentReply(
      String mailbox, String originalMessageId, String sender, String replyMessageId, Instant at) {}

  private final List<SentReply> replies = new ArrayList<>();
  private int lookups;

  /**
   * Records that {@code mailbox} answered {@code originalMessageId} from {@code sender} at {@code
   * at}.
   */
  InMemoryReplyHistory record(
      String mailbox, String originalMessageId, String sender, String replyMessageId, Instant at) {
    replies.add(new SentReply(mailbox, originalMessageId, sender, replyMessageId, at));
    return this;
  }

  /** A reply to {@code sender} at {@code at}, for some earlier message. */
  InMemoryReplyHistory repliedTo(String sender, Instant at) {
    return record(
        Fixtures.MAILBOX.name(),
        "<earlier." + replies.size() + "@client.example.org>",
        sender,
        "<afterhours." + replies.size() + "@example.com>",
        at);
  }

  /** How many questions the policy asked: each is a query on the real store. */
  int lookups() {
    return lookups;
  }

  @Override
  public Optional<Instant> lastReplyTo(String mailbox, String senderAddress) {
    lookups++;
    return replies.stream()
        .filter(r -> r.mailbox().equals(mailbox) && r.sender().equals(senderAddress))
        .map(SentReply::at)
        .max(Comparator.naturalOrder());
  }

  @Override
  public boolean hasReplyFor(String mailbox, String originalMessageId) {
    lookups++;
    return replies.stream()
        .anyMatch(
            r -> r.mailbox().equals(mailbox) && r.originalMessageId().equals(originalMessageId));
  }

  @Override
  public int repliesSince(String mailbox, Instant since) {
    lookups++;
    return (int)
        replies.stream()
            .filter(r -> r.mailbox().equals(mailbox) && !r.at().isBefore(since))
            .count();
  }

  @Override
  public boolean isOurReply(String messageId) {
    lookups++;
    return replies.stream().anyMatch(r -> r.replyMessageId().equals(messageId));
  }
}
