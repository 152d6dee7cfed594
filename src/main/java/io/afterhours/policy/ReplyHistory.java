package io.afterhours.policy;

import java.time.Instant;
import java.util.Optional;

/** What the policy needs to know of replies already sent (a port; the store implements it). */
public interface ReplyHistory {

  /** The last time {@code senderAddress} got a reply (pending or sent) from this mailbox. */
  Optional<Instant> lastReplyTo(String mailbox, String senderAddress);

  /** True when the message with this Message-ID already has a reply (pending or sent). */
  boolean hasReplyFor(String mailbox, String originalMessageId);

  /** True when {@code messageId} is the Message-ID of one of our own replies. */
  boolean isOurReply(String messageId);

  /** How many replies (pending or sent) this mailbox has recorded at or after {@code since}. */
  int repliesSince(String mailbox, Instant since);

  /** A history in which nobody has had a reply yet ({@code preview}, benchmarks). */
  static ReplyHistory none() {
    return new ReplyHistory() {
      @Override
      public Optional<Instant> lastReplyTo(String mailbox, String senderAddress) {
        return Optional.empty();
      }

      @Override
      public boolean hasReplyFor(String mailbox, String originalMessageId) {
        return false;
      }

      @Override
      public boolean isOurReply(String messageId) {
        return false;
      }

      @Override
      public int repliesSince(String mailbox, Instant since) {
        return 0;
      }
    };
  }
}
