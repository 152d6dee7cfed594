package io.afterhours.store;

import io.afterhours.policy.ReplyHistory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
 * The replies we sent or are about to send, in table {@code reply_log}; the store side of DESIGN §6
 * "at most one reply per original message". The protocol, in order:
 *
 * <ol>
 *   <li>{@link #recordPending} before SMTP; when it returns false another node (or an earlier run)
 *       owns that message, and nothing may be sent;
 *   <li>after SMTP accepted the reply, {@link #markSent};
 *   <li>at start-up, each of {@link #pendingReplies} is looked for in the Sent folder: found means
 *       {@link #markSent}, not found means {@link #discardPending} so that the message is retried.
 * </ol>
 *
 * Message-IDs are opaque strings compared exactly; sender addresses are compared lower-case.
 */
public final class JdbcReplyLog implements ReplyHistory {
  private static final Logger log = LoggerFactory.getLogger(JdbcReplyLog.class);

  private final DataSource dataSource;

  JdbcReplyLog(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
  }

  /**
   * Claims the original message for one reply.
   *
   * @return true when the reply is now recorded as pending and may be sent; false when a reply for
   *     this (mailbox, original Message-ID) already exists, pending or sent
   * @throws StoreException when the database fails, or the reply's own Message-ID is already used
   *     by another reply (a Message-ID generator bug, never an ordinary outcome)
   */
  public boolean recordPending(PendingReply reply) {
    String sql =
        """
        INSERT INTO reply_log (mailbox, original_message_id, sender, recipient,
                               reply_message_id, status, created_at)
        VALUES (?, ?, ?, ?, ?, 'PENDING', ?)
        """;
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert = connection.prepareStatement(sql)) {
      insert.setString(1, reply.mailbox());
      insert.setString(2, reply.originalMessageId());
      insert.setString(3, reply.sender());
      insert.setString(4, reply.recipient());
      insert.setString(5, reply.replyMessageId());
      insert.setLong(6, reply.createdAt().toEpochMilli());
      insert.executeUpdate();
      log.debug(
          "mailbox={} original={} reply={} recorded as pending",
          reply.mailbox(),
          reply.originalMessageId(),
          reply.replyMessageId());
      return true;
    } catch (SQLException e) {
      if (!SqlDialect.UNIQUE_VIOLATION.equals(e.getSQLState())) {
        throw new StoreException("Cannot record the pending reply " + reply.replyMessageId(), e);
      }
      if (hasReplyFor(reply.mailbox(), reply.originalMessageId())) {
        log.debug(
            "mailbox={} original={} already has a reply",
            reply.mailbox(),
            reply.originalMessageId());
        return false;
      }
      throw new StoreException(
          "Reply Message-ID " + reply.replyMessageId() + " is already used by another reply", e);
    }
  }

  /**
   * Records that SMTP accepted the reply.
   *
   * @return false when no reply has that Message-ID (it was discarded meanwhile)
   */
  public boolean markSent(String replyMessageId, Instant sentAt) {
    String sql = "UPDATE reply_log SET status = 'SENT', sent_at = ? WHERE reply_message_id = ?";
    int updated = update(sql, "mark as sent the reply " + replyMessageId, sentAt, replyMessageId);
    log.debug("reply={} marked sent ({} row)", replyMessageId, updated);
    return updated == 1;
  }

  /**
   * Forgets a pending reply that never reached the server, so that its original may be answered
   * again. A sent reply is never discarded.
   *
   * @return true when a pending reply was removed
   */
  public boolean discardPending(String replyMessageId) {
    String sql = "DELETE FROM reply_log WHERE reply_message_id = ? AND status = 'PENDING'";
    int deleted = update(sql, "discard the pending reply " + replyMessageId, replyMessageId);
    log.debug("reply={} discarded ({} row)", replyMessageId, deleted);
    return deleted == 1;
  }

  /**
   * Forgets sent replies created before {@code olderThan}: past the retention they no longer limit
   * a sender (once-per, min-interval) nor answer a message (max-age keeps old mail out), and loops
   * with our old replies are still caught by the shape of our Message-IDs.
   *
   * @return how many rows were deleted
   */
  public int pruneSentOlderThan(Instant olderThan) {
    return update(
        "DELETE FROM reply_log WHERE status = 'SENT' AND created_at < ?",
        "prune the reply log",
        olderThan);
  }

  /** The replies of a mailbox recorded as pending and never marked sent, oldest first. */
  public List<PendingReply> pendingReplies(String mailbox) {
    String sql =
        """
        SELECT mailbox, original_message_id, sender, recipient, reply_message_id, created_at
        FROM reply_log
        WHERE mailbox = ? AND status = 'PENDING'
        ORDER BY created_at, reply_message_id
        """;
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(sql)) {
      select.setString(1, mailbox);
      List<PendingReply> pending = new ArrayList<>();
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          pending.add(
              new PendingReply(
                  row.getString("mailbox"),
                  row.getString("original_message_id"),
                  row.getString("sender"),
                  row.getString("recipient"),
                  row.getString("reply_message_id"),
                  Instant.ofEpochMilli(row.getLong("created_at"))));
        }
      }
      return pending;
    } catch (SQLException e) {
      throw new StoreException("Cannot list the pending replies of mailbox " + mailbox, e);
    }
  }

  @Override
  public Optional<Instant> lastReplyTo(String mailbox, String senderAddress) {
    String sql = "SELECT MAX(created_at) FROM reply_log WHERE mailbox = ? AND sender = ?";
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
    String sql = "SELECT COUNT(*) FROM reply_log WHERE mailbox = ? AND created_at >= ?";
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

  private int update(String sql, String what, Object... parameters) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        Object parameter = parameters[i];
        if (parameter instanceof Instant instant) {
          update.setLong(i + 1, instant.toEpochMilli());
        } else {
          update.setString(i + 1, (String) parameter);
        }
      }
      return update.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("Cannot " + what, e);
    }
  }
}
