package io.afterhours.store;

import io.afterhours.pass.Outcomes;
import io.afterhours.pass.PendingReply;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * How the ledger's commits are made durable: on PostgreSQL (and H2 in memory) by the commit itself;
 * on an H2 file store by a {@link JournaledCommits journal}.
 */
interface LedgerCommits {
  /**
   * Runs {@code work} in one transaction and returns once its changes are durable.
   *
   * @param written what the transaction wrote, given its result: what a journal keeps of it
   */
  <T> T commit(Transactions.Work<T> work, Function<T, Written> written) throws SQLException;

  /**
   * What one ledger commit wrote.
   *
   * @param outcomes the decisions, sent and unsent replies and planned forwards
   * @param claimed the reply claimed (recorded as pending) in the same commit, if it was
   */
  record Written(Outcomes outcomes, Optional<PendingReply> claimed) {}

  /** Commits that are durable by themselves. */
  static LedgerCommits direct(DataSource dataSource) {
    return new LedgerCommits() {
      @Override
      public <T> T commit(Transactions.Work<T> work, Function<T, Written> written)
          throws SQLException {
        return Transactions.inTransaction(dataSource, work);
      }
    };
  }
}
