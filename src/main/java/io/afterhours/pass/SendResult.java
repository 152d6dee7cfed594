package io.afterhours.pass;

import java.util.Objects;

/**
 * What became of one message (a reply, or a message redirected to a stand-in) handed to a {@link
 * ReplySender}. Each kind says what is known about delivery, which is what the exactly-once
 * protocol needs (DESIGN §6).
 */
public sealed interface SendResult
    permits SendResult.Sent,
        SendResult.Rejected,
        SendResult.Deferred,
        SendResult.NotSent,
        SendResult.InDoubt {
  /** The reason of a {@link NotSent} whose {@link HandOver} refused: the pass knows why. */
  String WITHHELD = "withheld: the pass did not allow it to be handed over";

  /** The Message-ID of what was sent: a reply's own, a redirected message's Resent-Message-ID. */
  String messageId();

  /** The server accepted the reply for delivery. */
  record Sent(String messageId) implements SendResult {
    public Sent {
      Objects.requireNonNull(messageId, "messageId");
    }
  }

  /**
   * Refused for good: an SMTP 5xx (such as "550 user unknown"), or a recipient address that no
   * server could take. Sending it again would fail again; the message's decision is final.
   */
  record Rejected(String messageId, String reason) implements SendResult {
    public Rejected {
      Objects.requireNonNull(messageId, "messageId");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * Refused for now: an SMTP 4xx for this reply (a full mailbox, greylisting). The server works;
   * this message is tried again later and the others go on.
   */
  record Deferred(String messageId, String reason) implements SendResult {
    public Deferred {
      Objects.requireNonNull(messageId, "messageId");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * The server could not be reached, or the connection broke before the reply was handed over: it
   * was certainly not sent, and the server is in trouble.
   */
  record NotSent(String messageId, String reason) implements SendResult {
    public NotSent {
      Objects.requireNonNull(messageId, "messageId");
      Objects.requireNonNull(reason, "reason");
    }

    /** Whether its {@link HandOver} refused, rather than the server failing. */
    public boolean withheld() {
      return WITHHELD.equals(reason);
    }
  }

  /**
   * The connection broke after the whole reply was handed over and before the server said whether
   * it took it: it may or may not have been sent.
   */
  record InDoubt(String messageId, String reason) implements SendResult {
    public InDoubt {
      Objects.requireNonNull(messageId, "messageId");
      Objects.requireNonNull(reason, "reason");
    }
  }
}
