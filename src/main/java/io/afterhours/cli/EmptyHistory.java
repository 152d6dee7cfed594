package io.afterhours.cli;

import io.afterhours.policy.ReplyHistory;
import java.time.Instant;
import java.util.Optional;

/** The history {@code preview} judges by: nobody has had a reply yet. */
enum EmptyHistory implements ReplyHistory {
  INSTANCE;

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
}
