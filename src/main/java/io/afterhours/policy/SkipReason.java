package io.afterhours.policy;

/** Why a message gets no reply. Logged, stored and shown by {@code history}. */
public enum SkipReason {
  /** RFC 3834 §2: {@code Return-Path: <>}. */
  NULL_SENDER,
  /** No address in Return-Path, Sender or From. */
  NO_SENDER,
  /** RFC 3834 §5: Auto-Submitted is present and not "no". */
  AUTO_SUBMITTED,
  /** Precedence: bulk, junk or list. */
  BULK_PRECEDENCE,
  /** A List-* header (RFC 2369, RFC 2919). */
  LIST_MAIL,
  /** X-Auto-Response-Suppress names All or OOF (Microsoft). */
  RESPONSE_SUPPRESSED,
  /** MAILER-DAEMON, LISTSERV, majordomo, *-request, owner-*. */
  ROBOT_SENDER,
  /** noreply-style addresses and the configured never-reply-to patterns. */
  NO_REPLY_SENDER,
  /** The sender is one of our own addresses or aliases. */
  OWN_ADDRESS,
  /** RFC 3834 §2: none of our addresses is among the recipients. */
  NOT_ADDRESSED_TO_US,
  /** X-Spam-Flag: YES, or X-Spam-Status: Yes. */
  SPAM,
  /** Authentication-Results says dmarc=fail: the sender is most likely forged. */
  FORGED_SENDER,
  /** The message answers one of our own auto-replies. */
  REPLY_TO_AUTO_REPLY,
  /** The office was open when the message arrived. */
  OPEN_AT_ARRIVAL,
  /** The office has opened since the message arrived: the owner will read it. */
  OPEN_NOW,
  /** Older than reply.max-age. */
  TOO_OLD,
  /**
   * reply.only-to: the sender is not one the owner has written to (correspondents), or not in an
   * internal domain (internal).
   */
  UNKNOWN_SENDER,
  /** This very message (by Message-ID) was already answered. */
  ALREADY_ANSWERED,
  /** The sender already had a reply in this closed window (or within reply.once-per). */
  ALREADY_REPLIED_IN_WINDOW,
  /** The sender had a reply less than reply.min-interval ago. */
  MIN_INTERVAL,
  /** The mailbox already sent reply.max-per-hour replies in the last hour (a flood). */
  HOURLY_LIMIT;

  /** The reason as written in logs and JSON, e.g. {@code LIST_MAIL}. */
  public String code() {
    return name();
  }
}
