package io.afterhours.pass;

import io.afterhours.policy.MessageFacts;
import java.util.Objects;

/** One message read from a folder: its IMAP UID and its header facts. */
public record FetchedMessage(long uid, MessageFacts facts) {
  public FetchedMessage {
    Objects.requireNonNull(facts, "facts");
  }
}
