package io.afterhours.store;

import io.afterhours.pass.DecisionRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every decision taken, in table {@code decision_log}, for {@code afterhours history}. The table
 * grows by one row per message seen; the daemon calls {@link #pruneOlderThan} on each pass.
 */
public final class JdbcDecisionLog {
  private static final Logger log = LoggerFactory.getLogger(JdbcDecisionLog.class);

  /** Longest reason kept; a stack of error messages is cut here rather than failing the insert. */
  static final int MAX_REASON_LENGTH = 2000;

  private final DataSource dataSource;

  JdbcDecisionLog(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
  }

  public void record(DecisionRecord decision) {
    try (Connection connection = dataSource.getConnection()) {
      insert(connection, List.of(decision));
    } catch (SQLException e) {
      throw failedToRecord(decision, e);
    }
  }

  /** Records decisions on the caller's connection (and transaction), in one batch. */
  void insert(Connection connection, List<DecisionRecord> decisions) throws SQLException {
    if (decisions.isEmpty()) {
      return;
    }
    String sql =
        """
        INSERT INTO decision_log (decided_at, mailbox, folder, uid, message_id, sender,
                                  decision, reason, detail, reply_to, reply_message_id, retried)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """;
    try (PreparedStatement insert = connection.prepareStatement(sql)) {
      for (DecisionRecord decision : decisions) {
        bind(insert, decision);
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  private static void bind(PreparedStatement insert, DecisionRecord decision) throws SQLException {
    insert.setLong(1, decision.at().toEpochMilli());
    insert.setString(2, decision.mailbox());
    insert.setString(3, decision.folder());
    insert.setLong(4, decision.uid());
    insert.setString(5, decision.messageId());
    insert.setString(6, decision.from());
    insert.setString(7, decision.decision().code());
    insert.setString(8, clip(decision.reason()));
    insert.setString(9, clip(decision.detail()));
    setOptional(insert, 10, decision.replyTo());
    setOptional(insert, 11, decision.replyMessageId());
    insert.setBoolean(12, decision.retried());
  }

  static StoreException failedToRecord(DecisionRecord decision, SQLException e) {
    return new StoreException(
        "Cannot record the decision on mailbox "
            + decision.mailbox()
            + " uid "
            + decision.uid()
            + " message "
            + decision.messageId(),
        e);
  }

  /**
   * The messages of a folder above {@code afterUid}, up to {@code upToUid}, that have a final
   * decision (a reply, a skip, or a failure that is not retried), as UID to message key, so that a
   * pass whose cursor was held back by an undecided message leaves them alone. One query for the
   * whole folder.
   */
  public Map<Long, String> decidedBetween(
      String mailbox, String folder, long afterUid, long upToUid) {
    String sql =
        """
        SELECT uid, message_id FROM decision_log
        WHERE mailbox = ? AND folder = ? AND uid > ? AND uid <= ? AND retried = FALSE
        """;
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query = connection.prepareStatement(sql)) {
      query.setString(1, mailbox);
      query.setString(2, folder);
      query.setLong(3, afterUid);
      query.setLong(4, upToUid);
      Map<Long, String> decided = new HashMap<>();
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          decided.put(rows.getLong(1), rows.getString(2));
        }
      }
      return decided;
    } catch (SQLException e) {
      throw new StoreException(
          "Cannot read the decisions of mailbox " + mailbox + " folder " + folder, e);
    }
  }

  /**
   * Recorded decisions, newest first.
   *
   * @param mailbox only this mailbox's decisions, when present
   * @param since only decisions taken at or after this instant, when present
   * @param limit at most this many (positive)
   */
  public List<DecisionRecord> history(
      Optional<String> mailbox, Optional<Instant> since, int limit) {
    return history(mailbox, since, Optional.empty(), limit);
  }

  /**
   * Recorded decisions, newest first, of one kind when {@code decision} is present (the status
   * page's filter).
   */
  public List<DecisionRecord> history(
      Optional<String> mailbox,
      Optional<Instant> since,
      Optional<DecisionRecord.Outcome> decision,
      int limit) {
    if (limit <= 0) {
      throw new IllegalArgumentException("limit must be positive, was " + limit);
    }
    String sql =
        """
        SELECT decided_at, mailbox, folder, uid, message_id, sender,
               decision, reason, detail, reply_to, reply_message_id, retried
        FROM decision_log
        WHERE decided_at >= ? %s %s
        ORDER BY decided_at DESC, id DESC
        FETCH FIRST ? ROWS ONLY
        """
            .formatted(
                mailbox.isPresent() ? "AND mailbox = ?" : "",
                decision.isPresent() ? "AND decision = ?" : "");
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(sql)) {
      int index = 1;
      select.setLong(index++, since.map(Instant::toEpochMilli).orElse(Long.MIN_VALUE));
      if (mailbox.isPresent()) {
        select.setString(index++, mailbox.get());
      }
      if (decision.isPresent()) {
        select.setString(index++, decision.get().code());
      }
      select.setInt(index, limit);
      List<DecisionRecord> decisions = new ArrayList<>();
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          decisions.add(read(row));
        }
      }
      return decisions;
    } catch (SQLException e) {
      throw new StoreException("Cannot read the decision history", e);
    }
  }

  /**
   * The final decisions taken in {@code [from, until)}, counted by sender, decision and reason
   * (failures retried later are left out: the message's final decision counts). For {@code history
   * --summary} and the status page's "while you were away".
   */
  public List<SenderCount> countsBySender(Optional<String> mailbox, Instant from, Instant until) {
    String sql =
        """
        SELECT sender, decision, reason, COUNT(*) AS n, MIN(decided_at) AS first_at,
               MAX(decided_at) AS last_at
        FROM decision_log
        WHERE decided_at >= ? AND decided_at < ? AND retried = FALSE %s
        GROUP BY sender, decision, reason
        ORDER BY sender, decision, reason
        """
            .formatted(mailbox.isPresent() ? "AND mailbox = ?" : "");
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(sql)) {
      select.setLong(1, from.toEpochMilli());
      select.setLong(2, until.toEpochMilli());
      if (mailbox.isPresent()) {
        select.setString(3, mailbox.get());
      }
      List<SenderCount> counts = new ArrayList<>();
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          counts.add(
              new SenderCount(
                  row.getString("sender"),
                  DecisionRecord.Outcome.ofCode(row.getString("decision")),
                  row.getString("reason"),
                  row.getInt("n"),
                  Instant.ofEpochMilli(row.getLong("first_at")),
                  Instant.ofEpochMilli(row.getLong("last_at"))));
        }
      }
      return counts;
    } catch (SQLException e) {
      throw new StoreException("Cannot sum up the decision history", e);
    }
  }

  /**
   * Deletes the mailbox's decisions taken before {@code olderThan}, by the index on mailbox and
   * time.
   *
   * @return how many were deleted
   */
  public int pruneOlderThan(String mailbox, Instant olderThan) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement delete =
            connection.prepareStatement(
                "DELETE FROM decision_log WHERE mailbox = ? AND decided_at < ?")) {
      delete.setString(1, mailbox);
      delete.setLong(2, olderThan.toEpochMilli());
      int deleted = delete.executeUpdate();
      log.debug("mailbox={} pruned {} decisions older than {}", mailbox, deleted, olderThan);
      return deleted;
    } catch (SQLException e) {
      throw new StoreException("Cannot prune the decision history", e);
    }
  }

  private static DecisionRecord read(ResultSet row) throws SQLException {
    return new DecisionRecord(
        Instant.ofEpochMilli(row.getLong("decided_at")),
        row.getString("mailbox"),
        row.getString("folder"),
        row.getLong("uid"),
        row.getString("message_id"),
        row.getString("sender"),
        DecisionRecord.Outcome.ofCode(row.getString("decision")),
        row.getString("reason"),
        row.getString("detail"),
        Optional.ofNullable(row.getString("reply_to")),
        Optional.ofNullable(row.getString("reply_message_id")),
        row.getBoolean("retried"));
  }

  private static void setOptional(PreparedStatement statement, int index, Optional<String> value)
      throws SQLException {
    if (value.isPresent()) {
      statement.setString(index, value.get());
    } else {
      statement.setNull(index, Types.VARCHAR);
    }
  }

  private static String clip(String reason) {
    return reason.length() <= MAX_REASON_LENGTH ? reason : reason.substring(0, MAX_REASON_LENGTH);
  }
}
