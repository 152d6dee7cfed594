package io.afterhours.policy;

/** Whom a mailbox answers at all ({@code reply.only-to}). */
public enum ReplyAudience {
  /** Every sender the other rules let through (the default). */
  ANYONE,
  /**
   * Senders the owner has written to (learned from the Sent folder) or that match {@code
   * reply.correspondents}: Gmail's "only send a response to people in my contacts".
   */
  CORRESPONDENTS,
  /** Senders in {@code reply.internal-domains} or in one of the mailbox's own domains. */
  INTERNAL
}
