package io.afterhours.pass;

import io.afterhours.reply.OutgoingReply;

/**
 * Hands replies to an SMTP server one at a time, over one connection that stays open from the first
 * reply of a batch until {@link #close}. Implemented by {@code io.afterhours.mail.SmtpReplySender}.
 *
 * <p>Every outcome is a {@link SendResult}, never an exception: the pass decides what each means
 * for the message and for the mailbox.
 */
public interface ReplySender extends AutoCloseable {

  /** Sends one reply, connecting first when no connection is open. */
  SendResult send(OutgoingReply reply);

  /**
   * Sends one reply as {@link #send(OutgoingReply)} does, but hands it over only once {@code
   * handOver} allows it. An SMTP sender gets through MAIL, RCPT and DATA meanwhile and asks before
   * the final "."; this default asks first.
   *
   * @return as {@link #send(OutgoingReply)}; {@link SendResult.NotSent} when {@code handOver}
   *     refused (nothing was handed over)
   */
  default SendResult send(OutgoingReply reply, HandOver handOver) {
    return handOver.allowed()
        ? send(reply)
        : new SendResult.NotSent(reply.messageId(), SendResult.WITHHELD);
  }

  /** Redirects a client's message to a stand-in, over the same connection. */
  SendResult redirect(Redirect redirect);

  /** Ends the batch: hangs up the connection, if one is open. */
  @Override
  void close();
}
