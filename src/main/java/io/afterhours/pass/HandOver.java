package io.afterhours.pass;

/**
 * Asked by a {@link ReplySender} at the last moment before a server may take a message: over SMTP,
 * before the final "." of its DATA (RFC 5321 §4.1.1.4), after MAIL, RCPT and DATA were answered.
 * The pass answers once the reply's pending record is durable, so that the record's commit and the
 * SMTP round trips that come before the "." overlap, and the record still exists before the server
 * can accept the reply (DESIGN §6).
 */
@FunctionalInterface
public interface HandOver {

  /** Hands a message over as soon as it is transferred: a redirect, or a resent reply in doubt. */
  HandOver AT_ONCE = () -> true;

  /**
   * Waits until the message may be handed over.
   *
   * @return true to hand it over; false when it must not be (its original was already answered, the
   *     lease was lost, or the record could not be written): nothing is handed over then
   */
  boolean allowed();
}
