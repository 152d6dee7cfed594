package io.afterhours.store;

import io.afterhours.pass.FolderCursor;
import io.afterhours.pass.Ledger;
import io.afterhours.pass.Outcomes;
import io.afterhours.pass.PendingReply;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pass's {@link Ledger} over the store's three tables. Where one step of the per-reply protocol
 * touches two tables (marking a reply sent and recording the decision), it is one transaction, so a
 * crash can never leave a sent reply without its decision.
 */
final class JdbcLedger implements Ledger {
  private final JdbcFolderCursors cursors;
  private final JdbcReplyLog replies;
  private final JdbcDecisionLog decisions;
  private final LedgerCommits commits;

  JdbcLedger(
      JdbcFolderCursors cursors,
      JdbcReplyLog replies,
      JdbcDecisionLog decisions,
      LedgerCommits commits) {
    this.cursors = cursors;
    this.replies = replies;
    this.decisions = decisions;
    this.commits = commits;
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
  public void saveBaseline(String mailbox, String folder, long uidValidity, long lastUid) {
    cursors.saveBaseline(mailbox, folder, uidValidity, lastUid);
  }

  @Override
  public Map<Long, String> decidedBetween(
      String mailbox, String folder, long afterUid, long upToUid) {
    return decisions.decidedBetween(mailbox, folder, afterUid, upToUid);
  }

  @Override
  public void record(Outcomes outcomes) {
    if (outcomes.isEmpty()) {
      return;
    }
    try {
      commits.commit(
          c -> {
            write(c, outcomes);
            return null;
          },
          nothing -> new LedgerCommits.Written(outcomes, Optional.empty()));
    } catch (SQLException e) {
      throw new StoreException("Cannot record " + describe(outcomes), e);
    }
  }

  @Override
  public Claim recordPending(PendingReply reply, Outcomes before) {
    try {
      return commits.commit(
          c -> {
            write(c, before);
            return replies.claim(c, reply);
          },
          claim ->
              new LedgerCommits.Written(
                  before, claim == Claim.CLAIMED ? Optional.of(reply) : Optional.empty()));
    } catch (SQLException e) {
      if (!SqlDialect.UNIQUE_VIOLATION.equals(e.getSQLState())) {
        throw new StoreException(
            "Cannot record the pending reply "
                + reply.replyMessageId()
                + " and "
                + describe(before),
            e);
      }
      // Another reply took the original between our check and our insert, or our own reply's
      // Message-ID is taken: what came before is still written.
      record(before);
      if (replies.hasReplyFor(reply.mailbox(), reply.originalMessageId())) {
        return Claim.ALREADY_ANSWERED;
      }
      throw new StoreException(
          "Reply Message-ID " + reply.replyMessageId() + " is already used by another reply", e);
    }
  }

  /**
   * Redoes a journaled commit that the tables lack (see {@link JournaledCommits}): the claim is
   * applied as it was made, without asking for the lease again, which its process held then.
   */
  void replay(Connection connection, JournalEntry entry) throws SQLException {
    write(connection, entry.outcomes());
    if (entry.claimed().isPresent()) {
      replies.claimHeld(connection, entry.claimed().get());
    }
  }

  private void write(Connection connection, Outcomes outcomes) throws SQLException {
    for (Outcomes.SentReply sent : outcomes.sent()) {
      replies.markSent(connection, sent.reply().replyMessageId(), sent.at());
    }
    for (PendingReply notSent : outcomes.notSent()) {
      replies.discardPending(connection, notSent.replyMessageId());
      if (notSent.kind() == PendingReply.Kind.REPLY) {
        replies.unplan(connection, notSent);
      }
    }
    replies.plan(connection, outcomes.planned());
    decisions.insert(connection, outcomes.decisions());
  }

  private static String describe(Outcomes outcomes) {
    return outcomes.decisions().size()
        + " decision(s), "
        + outcomes.sent().size()
        + " sent and "
        + outcomes.notSent().size()
        + " unsent repl(ies)";
  }

  @Override
  public List<PendingReply> pendingReplies(String mailbox) {
    return replies.pendingReplies(mailbox);
  }

  @Override
  public List<PendingReply> plannedForwards(String mailbox) {
    return replies.plannedForwards(mailbox);
  }

  @Override
  public int forgetOlderThan(String mailbox, Instant olderThan) {
    return decisions.pruneOlderThan(mailbox, olderThan)
        + replies.pruneSentOlderThan(mailbox, olderThan);
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
