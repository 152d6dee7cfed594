package io.afterhours.store;

import io.afterhours.pass.CorrespondentBook;
import io.afterhours.pass.FolderCursor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Whom each mailbox's owner has written to (table {@code correspondent}) and how far its Sent
 * folder has been read (table {@code sent_cursor}). Learning an address again only widens its first
 * and last dates, so reading the same sent mail twice (a renumbered folder, a crash before the
 * cursor moved) changes nothing.
 */
public final class JdbcCorrespondents implements CorrespondentBook {
  /** Longer than any address a server accepts (RFC 5321 §4.5.3.1: 64 + 1 + 255). */
  private static final int MAX_ADDRESS = 500;

  private static final String KNOWS =
      "SELECT 1 FROM correspondent WHERE mailbox = ? AND address = ?";

  private static final String SELECT_CURSOR =
      "SELECT uidvalidity, last_uid, updated_at FROM sent_cursor WHERE mailbox = ? AND folder = ?";

  /** Parameters: mailbox, address, seen. */
  private static final String H2_LEARN =
      """
      MERGE INTO correspondent c
      USING (VALUES (CAST(? AS VARCHAR(200)), CAST(? AS VARCHAR(500)), CAST(? AS BIGINT)))
            AS v (mailbox, address, seen)
      ON c.mailbox = v.mailbox AND c.address = v.address
      WHEN MATCHED THEN UPDATE SET
        first_seen = LEAST(c.first_seen, v.seen), last_seen = GREATEST(c.last_seen, v.seen)
      WHEN NOT MATCHED THEN INSERT (mailbox, address, first_seen, last_seen)
        VALUES (v.mailbox, v.address, v.seen, v.seen)
      """;

  /** Parameters: mailbox, address, seen. */
  private static final String POSTGRES_LEARN =
      """
      INSERT INTO correspondent (mailbox, address, first_seen, last_seen)
      VALUES (?, ?, ?, ?)
      ON CONFLICT (mailbox, address) DO UPDATE
      SET first_seen = LEAST(correspondent.first_seen, EXCLUDED.first_seen),
          last_seen = GREATEST(correspondent.last_seen, EXCLUDED.last_seen)
      """;

  /** Parameters: mailbox, folder, uidvalidity, last_uid, updated_at. */
  private static final String H2_SAVE_CURSOR =
      """
      MERGE INTO sent_cursor (mailbox, folder, uidvalidity, last_uid, updated_at)
      KEY (mailbox, folder)
      VALUES (?, ?, ?, ?, ?)
      """;

  /** Parameters: mailbox, folder, uidvalidity, last_uid, updated_at. */
  private static final String POSTGRES_SAVE_CURSOR =
      """
      INSERT INTO sent_cursor (mailbox, folder, uidvalidity, last_uid, updated_at)
      VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (mailbox, folder) DO UPDATE
      SET uidvalidity = EXCLUDED.uidvalidity,
          last_uid = EXCLUDED.last_uid,
          updated_at = EXCLUDED.updated_at
      """;

  private final DataSource dataSource;
  private final SqlDialect dialect;
  private final Clock clock;

  JdbcCorrespondents(DataSource dataSource, SqlDialect dialect, Clock clock) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.dialect = Objects.requireNonNull(dialect, "dialect");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public boolean knows(String mailbox, String address) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(KNOWS)) {
      select.setString(1, mailbox);
      select.setString(2, address.toLowerCase(Locale.ROOT));
      try (ResultSet row = select.executeQuery()) {
        return row.next();
      }
    } catch (SQLException e) {
      throw new StoreException("Cannot look up the correspondents of mailbox " + mailbox, e);
    }
  }

  @Override
  public Optional<FolderCursor> sentCursor(String mailbox, String folder) {
    try {
      return JdbcFolderCursors.select(dataSource, SELECT_CURSOR, mailbox, folder);
    } catch (SQLException e) {
      throw new StoreException(
          "Cannot read how far the Sent folder " + folder + " of mailbox " + mailbox + " was read",
          e);
    }
  }

  @Override
  public void learn(
      String mailbox, String folder, long uidValidity, long lastUid, Map<String, Instant> written) {
    try {
      Transactions.inTransaction(
          dataSource,
          c -> {
            learnAddresses(c, mailbox, written);
            saveCursor(c, mailbox, folder, uidValidity, lastUid);
            return null;
          });
    } catch (SQLException e) {
      throw new StoreException(
          "Cannot record " + written.size() + " correspondent(s) of mailbox " + mailbox, e);
    }
  }

  private void learnAddresses(Connection c, String mailbox, Map<String, Instant> written)
      throws SQLException {
    if (written.isEmpty()) {
      return;
    }
    boolean h2 = dialect == SqlDialect.H2;
    try (PreparedStatement learn = c.prepareStatement(h2 ? H2_LEARN : POSTGRES_LEARN)) {
      for (Map.Entry<String, Instant> e : written.entrySet()) {
        String address = e.getKey().toLowerCase(Locale.ROOT);
        if (address.length() > MAX_ADDRESS) {
          continue; // no server delivers to it; it cannot be a sender either
        }
        long seen = e.getValue().toEpochMilli();
        learn.setString(1, mailbox);
        learn.setString(2, address);
        learn.setLong(3, seen);
        if (!h2) {
          learn.setLong(4, seen);
        }
        learn.addBatch();
      }
      learn.executeBatch();
    }
  }

  private void saveCursor(
      Connection c, String mailbox, String folder, long uidValidity, long lastUid)
      throws SQLException {
    String sql = dialect == SqlDialect.H2 ? H2_SAVE_CURSOR : POSTGRES_SAVE_CURSOR;
    try (PreparedStatement upsert = c.prepareStatement(sql)) {
      upsert.setString(1, mailbox);
      upsert.setString(2, folder);
      upsert.setLong(3, uidValidity);
      upsert.setLong(4, Math.max(0, lastUid));
      upsert.setLong(5, clock.millis());
      upsert.executeUpdate();
    }
  }
}
