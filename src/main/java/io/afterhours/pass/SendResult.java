package io.afterhours.pass;

import io.afterhours.reply.OutgoingReply;
import java.util.Objects;

/**
 * What became of one reply handed to a {@link ReplySender}. Each kind says what is known about
 * delivery, which is what the exactly-once protocol needs (DESIGN §6).
 */
public sealed interface SendResult
    permits SendResult.Sent,
        SendResult.Rejected,
        SendResult.Deferred,
        SendResult.NotSent,
        SendResult.InDoubt {
  OutgoingReply reply();

  /** The server accepted the reply for delivery. */
  record Sent(OutgoingReply reply) implements SendResult {
    public Sent {
      Objects.requireNonNull(reply, "reply");
    }
  }

  /**
   * Refused for good: an SMTP 5xx (such as "550 user unknown"), or a recipient address that no
   * server could take. Sending it again would fail again; the message's decision is final.
   */
  record Rejected(OutgoingReply reply, String reason) implements SendResult {
    public Rejected {
      Objects.requireNonNull(reply, "reply");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * Refused for now: an SMTP 4xx for this reply (a full mailbox, greylisting). The server works;
   * this message is tried again later and the others go on.
   */
  record Deferred(OutgoingReply reply, String reason) implements SendResult {
    public Deferred {
      Objects.requireNonNull(reply, "reply");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * The server could not be reached, or the connection broke before the reply was handed over: it
   * was certainly not sent, and the server is in trouble.
   */
  record NotSent(OutgoingReply reply, String reason) implements SendResult {
    public NotSent {
      Objects.requireNonNull(reply, "reply");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * The connection broke after the whole reply was handed over and before the server said whether
   * it took it: it may or may not have been sent.
   */
  record InDoubt(OutgoingReply reply, String reason) implements SendResult {
    public InDoubt {
      Objects.requireNonNull(reply, "reply");
      Objects.requireNonNull(reason, "reason");
    }
  }
}
