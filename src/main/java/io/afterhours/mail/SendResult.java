package io.afterhours.mail;

import io.afterhours.reply.OutgoingReply;
import java.util.Objects;

/** What became of one reply handed to {@link SmtpReplySender}. */
public sealed interface SendResult permits SendResult.Sent, SendResult.Failed {
  OutgoingReply reply();

  /** The server accepted the reply for delivery. */
  record Sent(OutgoingReply reply) implements SendResult {
    public Sent {
      Objects.requireNonNull(reply, "reply");
    }
  }

  /**
   * The reply was not accepted; it should be retried later.
   *
   * @param reason what went wrong, for the operator and the reply log
   */
  record Failed(OutgoingReply reply, String reason) implements SendResult {
    public Failed {
      Objects.requireNonNull(reply, "reply");
      Objects.requireNonNull(reason, "reason");
    }
  }
}
