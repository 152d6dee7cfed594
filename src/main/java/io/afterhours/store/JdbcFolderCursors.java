package io.afterhours.store;

import io.afterhours.pass.FolderCursor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Folder cursors, one per (mailbox, folder), in table {@code folder_cursor}. */
public final class JdbcFolderCursors {
  private static final Logger log = LoggerFactory.getLogger(JdbcFolderCursors.class);

  private static final String SELECT =
      """
      SELECT uidvalidity, last_uid, updated_at
      FROM folder_cursor
      WHERE mailbox = ? AND folder = ?
      """;

  private final DataSource dataSource;
  private final SqlDialect dialect;
  private final Clock clock;

  JdbcFolderCursors(DataSource dataSource, SqlDialect dialect, Clock clock) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.dialect = Objects.requireNonNull(dialect, "dialect");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * A cursor row ({@code uidvalidity}, {@code last_uid}, {@code updated_at}) chosen by {@code sql}
   * with the mailbox and folder as its two parameters: of {@code folder_cursor}, or of {@code
   * sent_cursor} ({@link JdbcCorrespondents}).
   */
  static Optional<FolderCursor> select(
      DataSource dataSource, String sql, String mailbox, String folder) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(sql)) {
      select.setString(1, mailbox);
      select.setString(2, folder);
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new FolderCursor(
                row.getLong("uidvalidity"),
                row.getLong("last_uid"),
                Instant.ofEpochMilli(row.getLong("updated_at"))));
      }
    }
  }

  /** The saved cursor, or empty when the folder has never been seen (first start: baseline). */
  public Optional<FolderCursor> cursor(String mailbox, String folder) {
    try {
      return select(dataSource, SELECT, mailbox, folder);
    } catch (SQLException e) {
      throw new StoreException(
          "Cannot read the cursor of mailbox " + mailbox + " folder " + folder, e);
    }
  }

  /**
   * Creates or replaces the cursor of a folder, stamped with the clock's current instant. On an H2
   * file it is written with the store's next pages (see {@link JournaledCommits}): a pass's
   * progress, which a crash may set back without harm.
   */
  public void saveCursor(String mailbox, String folder, long uidValidity, long lastUid) {
    save(mailbox, folder, uidValidity, lastUid, false);
  }

  /** Like {@link #saveCursor}, and on the disk when this returns: a folder's baseline. */
  public void saveBaseline(String mailbox, String folder, long uidValidity, long lastUid) {
    save(mailbox, folder, uidValidity, lastUid, true);
  }

  private void save(
      String mailbox, String folder, long uidValidity, long lastUid, boolean writeDown) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement upsert = connection.prepareStatement(dialect.upsertCursor)) {
      upsert.setString(1, mailbox);
      upsert.setString(2, folder);
      upsert.setLong(3, uidValidity);
      upsert.setLong(4, lastUid);
      upsert.setLong(5, clock.millis());
      upsert.executeUpdate();
      if (writeDown) {
        Transactions.writeDown(connection);
      }
      log.debug(
          "mailbox={} folder={} {} saved uidvalidity={} lastUid={}",
          mailbox,
          folder,
          writeDown ? "baseline" : "cursor",
          uidValidity,
          lastUid);
    } catch (SQLException e) {
      throw new StoreException(
          "Cannot save the cursor of mailbox " + mailbox + " folder " + folder, e);
    }
  }
}
