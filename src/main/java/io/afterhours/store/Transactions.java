package io.afterhours.store;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Runs a unit of work in one transaction: committed when it returns, rolled back if it throws. */
final class Transactions {
  /** A unit of work on one connection. */
  @FunctionalInterface
  interface Work<T> {
    T on(Connection connection) throws SQLException;
  }

  private Transactions() {}

  static <T> T inTransaction(DataSource dataSource, Work<T> work) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      return inTransaction(connection, work);
    }
  }

  /**
   * Like {@link #inTransaction(DataSource, Work)}, and durable when it returns: for the owner's
   * changes, which must not be lost to a crash the moment after (see {@link #writeDown}).
   */
  static <T> T inDurableTransaction(DataSource dataSource, Work<T> work) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      T result = inTransaction(connection, work);
      writeDown(connection);
      return result;
    }
  }

  /** Like {@link #inTransaction(DataSource, Work)}, on a connection the caller holds. */
  static <T> T inTransaction(Connection connection, Work<T> work) throws SQLException {
    connection.setAutoCommit(false);
    try {
      T result = work.on(connection);
      connection.commit();
      return result;
    } catch (SQLException | RuntimeException e) {
      rollbackQuietly(connection, e);
      throw e;
    } finally {
      connection.setAutoCommit(true);
    }
  }

  /**
   * Makes what {@code connection} committed so far durable where the database does not do so by
   * itself: an H2 file store writes its pages in the background (see {@link JournaledCommits}), so
   * a change that must survive the process being killed the moment after is followed by {@code
   * CHECKPOINT}, which writes them at once. PostgreSQL's commit is durable already.
   */
  static void writeDown(Connection connection) throws SQLException {
    if (connection.isWrapperFor(org.h2.jdbc.JdbcConnection.class)) {
      try (java.sql.Statement statement = connection.createStatement()) {
        statement.execute("CHECKPOINT");
      }
    }
  }

  private static void rollbackQuietly(Connection connection, Exception cause) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }
}
