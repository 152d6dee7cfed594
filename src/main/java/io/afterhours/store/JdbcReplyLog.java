package io.afterhours.store;

import io.afterhours.pass.Ledger.Claim;
import io.afterhours.pass.PendingReply;
import io.afterhours.policy.ReplyHistory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The replies we sent or are about to send, in table {@code reply_log}: the store side of DESIGN
 * §6, "at most one reply per original message". The primary key (mailbox, original Message-ID) is
 * what stops a second reply; the lease check in {@link #claim} is what stops a process that lost
 * its mailbox's lease from starting one.
 *
 * <p>Message-IDs are opaque strings compared exactly; sender addresses are compared lower-case.
 */
public final class JdbcReplyLog implements ReplyHistory {
  private static final Logger log = LoggerFactory.getLogger(JdbcReplyLog.class);

  /**
   * Locks the lease's row until the commit if the caller still holds the lease: an update that
   * changes nothing, rather than {@code SELECT … FOR UPDATE}, because H2 parses a {@code FOR
   * UPDATE} query again at every call (it never keeps one in its query cache), which was a sixth of
   * a reply's commit.
   */
  private static final String LEASE_HELD =
      "UPDATE mailbox_lease SET expires_at = expires_at"
          + " WHERE mailbox = ? AND owner = ? AND expires_at > ?";

  private static final String INSERT_PENDING =
      """
      INSERT INTO reply_log (mailbox, original_message_id, folder, uid, sender, recipient,
                             reply_message_id, owner, created_at, kind, forward_of, status)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      """;

  private final DataSource dataSource;
  private final Clock leaseClock;

  JdbcReplyLog(DataSource dataSource, Clock leaseClock) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.leaseClock = Objects.requireNonNull(leaseClock, "leaseClock");
  }

  /**
   * Claims the original on the caller's connection (and transaction): checks the lease (locking its
   * row until the commit, so a process taking the lease over sees this reply when it looks for
   * replies to settle) and that the original has no reply yet, then inserts the pending row.
   */
  Claim claim(Connection connection, PendingReply reply) throws SQLException {
    try (PreparedStatement lease = connection.prepareStatement(LEASE_HELD)) {
      lease.setString(1, reply.mailbox());
      lease.setString(2, reply.owner());
      lease.setLong(3, leaseClock.millis());
      if (lease.executeUpdate() == 0) {
        return Claim.LEASE_LOST;
      }
    }
    return claimHeld(connection, reply);
  }

  /** Claims the original for a reply whose owner holds (or held) the lease. */
  Claim claimHeld(Connection connection, PendingReply reply) throws SQLException {
    try (PreparedStatement exists =
        connection.prepareStatement(
            "SELECT status FROM reply_log WHERE mailbox = ? AND original_message_id = ?")) {
      exists.setString(1, reply.mailbox());
      exists.setString(2, reply.originalMessageId());
      try (ResultSet row = exists.executeQuery()) {
        if (row.next()) {
          return row.getString(1).equals("PLANNED")
              ? startPlanned(connection, reply)
              : Claim.ALREADY_ANSWERED;
        }
      }
    }
    insert(connection, reply, "PENDING");
    return Claim.CLAIMED;
  }

  /** A forward planned with its reply is tried now: it becomes pending, under this lease. */
  private static Claim startPlanned(Connection connection, PendingReply forward)
      throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement(
            """
            UPDATE reply_log SET status = 'PENDING', owner = ?, reply_message_id = ?
            WHERE mailbox = ? AND original_message_id = ? AND status = 'PLANNED'
            """)) {
      update.setString(1, forward.owner());
      update.setString(2, forward.replyMessageId());
      update.setString(3, forward.mailbox());
      update.setString(4, forward.originalMessageId());
      return update.executeUpdate() == 1 ? Claim.CLAIMED : Claim.ALREADY_ANSWERED;
    }
  }

  /** Plans forwards, on the caller's transaction; one already known (planned or done) is kept. */
  void plan(Connection connection, java.util.List<PendingReply> forwards) throws SQLException {
    for (PendingReply forward : forwards) {
      try (PreparedStatement exists =
          connection.prepareStatement(
              "SELECT 1 FROM reply_log WHERE mailbox = ? AND original_message_id = ?")) {
        exists.setString(1, forward.mailbox());
        exists.setString(2, forward.originalMessageId());
        try (ResultSet row = exists.executeQuery()) {
          if (row.next()) {
            continue;
          }
        }
      }
      insert(connection, forward, "PLANNED");
    }
  }

  /** Forgets the forwards still planned after a reply that was certainly not sent. */
  void unplan(Connection connection, PendingReply reply) throws SQLException {
    try (PreparedStatement delete =
        connection.prepareStatement(
            "DELETE FROM reply_log WHERE mailbox = ? AND forward_of = ? AND status = 'PLANNED'")) {
      delete.setString(1, reply.mailbox());
      delete.setString(2, reply.originalMessageId());
      delete.executeUpdate();
    }
  }

  private static void insert(Connection connection, PendingReply reply, String status)
      throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(INSERT_PENDING)) {
      insert.setString(1, reply.mailbox());
      insert.setString(2, reply.originalMessageId());
      insert.setString(3, reply.folder());
      insert.setLong(4, reply.uid());
      insert.setString(5, reply.sender());
      insert.setString(6, reply.recipient());
      insert.setString(7, reply.replyMessageId());
      insert.setString(8, reply.owner());
      insert.setLong(9, reply.createdAt().toEpochMilli());
      insert.setString(10, reply.kind().name().toLowerCase(Locale.ROOT));
      insert.setString(11, reply.kind() == PendingReply.Kind.FORWARD ? reply.forwardOf() : null);
      insert.setString(12, status);
      insert.executeUpdate();
    }
  }

  /**
   * Marks a reply sent, on the caller's connection (and transaction).
   *
   * @return false when no reply has that Message-ID (it was discarded meanwhile)
   */
  boolean markSent(Connection connection, String replyMessageId, Instant sentAt)
      throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE reply_log SET status = 'SENT', sent_at = ? WHERE reply_message_id = ?")) {
      update.setLong(1, sentAt.toEpochMilli());
      update.setString(2, replyMessageId);
      return update.executeUpdate() == 1;
    }
  }

  /**
   * Forgets a pending reply that never reached the server, so that its original may be answered
   * again, on the caller's connection. A sent reply is never discarded.
   *
   * @return true when a pending reply was removed
   */
  boolean discardPending(Connection connection, String replyMessageId) throws SQLException {
    try (PreparedStatement delete =
        connection.prepareStatement(
            "DELETE FROM reply_log WHERE reply_message_id = ? AND status IN ('PENDING', 'PLANNED')")) {
      delete.setString(1, replyMessageId);
      return delete.executeUpdate() == 1;
    }
  }

  /**
   * Forgets the mailbox's sent replies created before {@code olderThan}, by the index on mailbox
   * and time (a delete over every mailbox's rows scanned the whole table, once an hour per mailbox
   * and at every {@code once}): past the retention they no longer limit a sender (once-per,
   * min-interval) nor answer a message (max-age keeps old mail out), and loops with our old replies
   * are still caught by the shape of our Message-IDs.
   *
   * @return how many rows were deleted
   */
  public int pruneSentOlderThan(String mailbox, Instant olderThan) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement delete =
            connection.prepareStatement(
                "DELETE FROM reply_log WHERE mailbox = ? AND created_at < ? AND status = 'SENT'")) {
      delete.setString(1, mailbox);
      delete.setLong(2, olderThan.toEpochMilli());
      return delete.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("Cannot prune the reply log", e);
    }
  }

  /** The replies of a mailbox recorded as pending and never settled, oldest first. */
  public List<PendingReply> pendingReplies(String mailbox) {
    return withStatus(mailbox, "PENDING");
  }

  /** The forwards planned with their replies and not yet tried, oldest first. */
  public List<PendingReply> plannedForwards(String mailbox) {
    return withStatus(mailbox, "PLANNED");
  }

  private List<PendingReply> withStatus(String mailbox, String status) {
    String sql =
        """
        SELECT mailbox, original_message_id, folder, uid, sender, recipient, reply_message_id,
               owner, created_at, kind
        FROM reply_log
        WHERE mailbox = ? AND status = ?
        ORDER BY created_at, reply_message_id
        """;
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(sql)) {
      select.setString(1, mailbox);
      select.setString(2, status);
      List<PendingReply> pending = new ArrayList<>();
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          pending.add(
              new PendingReply(
                  row.getString("mailbox"),
                  row.getString("original_message_id"),
                  Optional.ofNullable(row.getString("folder")).orElse(""),
                  row.getLong("uid"),
                  row.getString("sender"),
                  row.getString("recipient"),
                  row.getString("reply_message_id"),
                  row.getString("owner"),
                  Instant.ofEpochMilli(row.getLong("created_at")),
                  PendingReply.Kind.valueOf(row.getString("kind").toUpperCase(Locale.ROOT))));
        }
      }
      return pending;
    } catch (SQLException e) {
      throw new StoreException("Cannot list the pending replies of mailbox " + mailbox, e);
    }
  }

  @Override
  public Optional<Instant> lastReplyTo(String mailbox, String senderAddress) {
    String sql =
        "SELECT MAX(created_at) FROM reply_log WHERE mailbox = ? AND sender = ? AND kind = 'reply'";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(sql)) {
      select.setString(1, mailbox);
      select.setString(2, senderAddress.toLowerCase(Locale.ROOT));
      try (ResultSet row = select.executeQuery()) {
        row.next();
        long millis = row.getLong(1);
        return row.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
      }
    } catch (SQLException e) {
      throw new StoreException("Cannot read the last reply to " + senderAddress, e);
    }
  }

  @Override
  public int repliesSince(String mailbox, Instant since) {
    String sql =
        "SELECT COUNT(*) FROM reply_log WHERE mailbox = ? AND created_at >= ? AND kind = 'reply'";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(sql)) {
      select.setString(1, mailbox);
      select.setLong(2, since.toEpochMilli());
      try (ResultSet row = select.executeQuery()) {
        row.next();
        return row.getInt(1);
      }
    } catch (SQLException e) {
      throw new StoreException("Cannot count the replies of mailbox " + mailbox, e);
    }
  }

  @Override
  public boolean hasReplyFor(String mailbox, String originalMessageId) {
    return exists(
        "SELECT 1 FROM reply_log WHERE mailbox = ? AND original_message_id = ?",
        mailbox,
        originalMessageId);
  }

  @Override
  public boolean isOurReply(String messageId) {
    return exists("SELECT 1 FROM reply_log WHERE reply_message_id = ?", messageId);
  }

  private boolean exists(String sql, String... parameters) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        select.setString(i + 1, parameters[i]);
      }
      try (ResultSet row = select.executeQuery()) {
        return row.next();
      }
    } catch (SQLException e) {
      throw new StoreException("Cannot read the reply log", e);
    }
  }
}
