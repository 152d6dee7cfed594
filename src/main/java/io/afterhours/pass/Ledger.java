package io.afterhours.pass;

import io.afterhours.policy.ReplyHistory;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The durable record a pass keeps: folder cursors, the decision about each message, and the reply
 * log with its per-reply protocol (DESIGN §6). Every method is one durable commit. Implemented by
 * the JDBC store; the pass tests use an in-memory fake that can crash before or after any commit.
 *
 * <p>The per-reply protocol, for each reply in turn: {@link #recordPending} → SMTP → {@link
 * #recordSent} (or {@link #recordNotSent}) → copy to Sent. So a crash leaves at most one reply per
 * mailbox pending, to be settled by the next holder of the mailbox's lease.
 *
 * <p>A failure of the ledger itself is a {@link LedgerException}.
 */
public interface Ledger extends ReplyHistory {

  /** What {@link #recordPending} did. */
  enum Claim {
    /** The reply is recorded as pending and may be sent now. */
    CLAIMED,
    /** The original already has a reply, pending or sent: nothing may be sent. */
    ALREADY_ANSWERED,
    /** The reply's owner no longer holds the mailbox's lease: nothing may be sent. */
    LEASE_LOST
  }

  /** The folder's cursor, or empty when the folder has never been seen (first start). */
  Optional<FolderCursor> cursor(String mailbox, String folder);

  void saveCursor(String mailbox, String folder, long uidValidity, long lastUid);

  /**
   * The messages of the folder above {@code afterUid} that already have a final decision, as UID to
   * message key: a pass whose cursor was held back leaves them alone.
   */
  Map<Long, String> decidedAfter(String mailbox, String folder, long afterUid);

  /** Records a skip, or a failure. */
  void recordDecision(DecisionRecord decision);

  /**
   * Claims the original for one reply, only while {@code reply.owner()} holds the mailbox's lease.
   */
  Claim recordPending(PendingReply reply);

  /** SMTP accepted the reply: marks it sent and records the decision, in one commit. */
  void recordSent(PendingReply reply, Instant sentAt, DecisionRecord decision);

  /** The reply was certainly not sent: forgets it and records the decision, in one commit. */
  void recordNotSent(PendingReply reply, DecisionRecord decision);

  /** The replies of a mailbox recorded as pending and never settled, oldest first. */
  List<PendingReply> pendingReplies(String mailbox);

  /**
   * Forgets decisions and sent replies older than {@code olderThan}.
   *
   * @return how many records were forgotten
   */
  int forgetOlderThan(Instant olderThan);
}
