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
   * The reply was not accepted.
   *
   * @param reason what went wrong, for the operator and the reply log
   * @param permanent the server refused it for good (an SMTP 5xx reply, such as "550 user
   *     unknown"): sending it again would fail again, so it is not retried. Otherwise (4xx, no
   *     connection, lost connection) it should be retried later.
   */
  record Failed(OutgoingReply reply, String reason, boolean permanent) implements SendResult {
    public Failed {
      Objects.requireNonNull(reply, "reply");
      Objects.requireNonNull(reason, "reason");
    }

    /** A failure worth retrying later. */
    public Failed(OutgoingReply reply, String reason) {
      this(reply, reason, false);
    }
  }
}
