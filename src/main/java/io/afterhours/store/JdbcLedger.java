package io.afterhours.store;

import io.afterhours.pass.DecisionRecord;
import io.afterhours.pass.FolderCursor;
import io.afterhours.pass.Ledger;
import io.afterhours.pass.PendingReply;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The pass's {@link Ledger} over the store's three tables. Where one step of the per-reply protocol
 * touches two tables (marking a reply sent and recording the decision), it is one transaction, so a
 * crash can never leave a sent reply without its decision.
 */
final class JdbcLedger implements Ledger {
  private final DataSource dataSource;
  private final JdbcFolderCursors cursors;
  private final JdbcReplyLog replies;
  private final JdbcDecisionLog decisions;

  JdbcLedger(
      DataSource dataSource,
      JdbcFolderCursors cursors,
      JdbcReplyLog replies,
      JdbcDecisionLog decisions) {
    this.dataSource = dataSource;
    this.cursors = cursors;
    this.replies = replies;
    this.decisions = decisions;
  }

  @Override
  public Optional<FolderCursor> cursor(String mailbox, String folder) {
    return cursors.cursor(mailbox, folder);
  }

  @Override
  public void saveCursor(String mailbox, String folder, long uidValidity, long lastUid) {
    cursors.saveCursor(mailbox, folder, uidValidity, lastUid);
  }

  @Override
  public Map<Long, String> decidedAfter(String mailbox, String folder, long afterUid) {
    return decisions.decidedAfter(mailbox, folder, afterUid);
  }

  @Override
  public void recordDecision(DecisionRecord decision) {
    decisions.record(decision);
  }

  @Override
  public Claim recordPending(PendingReply reply) {
    return replies.recordPending(reply);
  }

  @Override
  public void recordSent(PendingReply reply, Instant sentAt, DecisionRecord decision) {
    try {
      Transactions.inTransaction(
          dataSource,
          c -> {
            replies.markSent(c, reply.replyMessageId(), sentAt);
            decisions.insert(c, decision);
            return null;
          });
    } catch (SQLException e) {
      throw new StoreException("Cannot mark the reply " + reply.replyMessageId() + " sent", e);
    }
  }

  @Override
  public void recordNotSent(PendingReply reply, DecisionRecord decision) {
    try {
      Transactions.inTransaction(
          dataSource,
          c -> {
            replies.discardPending(c, reply.replyMessageId());
            decisions.insert(c, decision);
            return null;
          });
    } catch (SQLException e) {
      throw new StoreException("Cannot forget the unsent reply " + reply.replyMessageId(), e);
    }
  }

  @Override
  public List<PendingReply> pendingReplies(String mailbox) {
    return replies.pendingReplies(mailbox);
  }

  @Override
  public int forgetOlderThan(Instant olderThan) {
    return decisions.pruneOlderThan(olderThan) + replies.pruneSentOlderThan(olderThan);
  }

  @Override
  public Optional<Instant> lastReplyTo(String mailbox, String senderAddress) {
    return replies.lastReplyTo(mailbox, senderAddress);
  }

  @Override
  public boolean hasReplyFor(String mailbox, String originalMessageId) {
    return replies.hasReplyFor(mailbox, originalMessageId);
  }

  @Override
  public boolean isOurReply(String messageId) {
    return replies.isOurReply(messageId);
  }

  @Override
  public int repliesSince(String mailbox, Instant since) {
    return replies.repliesSince(mailbox, since);
  }
}
