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

  /**
   * Moves the folder's cursor as a pass goes. A crash may take the last moments of this progress
   * with it, which costs nothing: the decisions behind it are durable, so the messages are read
   * again and found decided ({@link #decidedBetween}).
   */
  void saveCursor(String mailbox, String folder, long uidValidity, long lastUid);

  /**
   * Sets the folder's cursor where it starts from (a first start, or a new UIDVALIDITY), durable
   * when this returns: mail after it is answered and mail before it is not, so a crash must not
   * move it.
   */
  void saveBaseline(String mailbox, String folder, long uidValidity, long lastUid);

  /**
   * The messages of the folder above {@code afterUid} that already have a final decision, as UID to
   * message key: a pass whose cursor was held back leaves them alone.
   */
  default Map<Long, String> decidedAfter(String mailbox, String folder, long afterUid) {
    return decidedBetween(mailbox, folder, afterUid, Long.MAX_VALUE);
  }

  /** Like {@link #decidedAfter}, for the UIDs above {@code afterUid} up to {@code upToUid}. */
  Map<Long, String> decidedBetween(String mailbox, String folder, long afterUid, long upToUid);

  /** Writes what a pass settled, in one commit. */
  void record(Outcomes outcomes);

  /**
   * Writes {@code before}, and claims the original for one reply (or a planned forward) while
   * {@code reply.owner()} holds the mailbox's lease, in one commit: so a pass needs one commit per
   * reply, the previous reply's "sent" and the next one's "pending" together, and still never has
   * more than one reply in doubt. {@code before} is written whatever the claim.
   */
  Claim recordPending(PendingReply reply, Outcomes before);

  /** Claims the original for one reply, only while {@code reply.owner()} holds the lease. */
  default Claim recordPending(PendingReply reply) {
    return recordPending(reply, Outcomes.NONE);
  }

  /** Records a skip, or a failure. */
  default void recordDecision(DecisionRecord decision) {
    record(Outcomes.of(decision));
  }

  /** SMTP accepted the reply: marks it sent and records the decision, in one commit. */
  default void recordSent(PendingReply reply, Instant sentAt, DecisionRecord decision) {
    record(
        new Outcomes(List.of(decision), List.of(new Outcomes.SentReply(reply, sentAt)), List.of()));
  }

  /** The reply was certainly not sent: forgets it and records the decision, in one commit. */
  default void recordNotSent(PendingReply reply, DecisionRecord decision) {
    record(new Outcomes(List.of(decision), List.of(), List.of(reply)));
  }

  /** The replies of a mailbox recorded as pending and never settled, oldest first. */
  List<PendingReply> pendingReplies(String mailbox);

  /** The forwards planned with a reply and not yet tried, oldest first. */
  List<PendingReply> plannedForwards(String mailbox);

  /**
   * Forgets the mailbox's decisions and sent replies older than {@code olderThan}.
   *
   * @return how many records were forgotten
   */
  int forgetOlderThan(String mailbox, Instant olderThan);
}
