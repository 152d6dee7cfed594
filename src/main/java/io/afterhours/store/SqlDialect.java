package io.afterhours.store;

import java.sql.SQLException;
import java.util.Locale;

/**
 * The little that differs between the two databases we run on. Everything else, the migrations
 * included, is portable SQL.
 */
enum SqlDialect {
  H2(
      """
      MERGE INTO folder_cursor (mailbox, folder, uidvalidity, last_uid, updated_at)
      KEY (mailbox, folder)
      VALUES (?, ?, ?, ?, ?)
      """),
  POSTGRESQL(
      """
      INSERT INTO folder_cursor (mailbox, folder, uidvalidity, last_uid, updated_at)
      VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (mailbox, folder) DO UPDATE
      SET uidvalidity = EXCLUDED.uidvalidity,
          last_uid = EXCLUDED.last_uid,
          updated_at = EXCLUDED.updated_at
      """);

  /** SQLSTATE of a unique or primary key violation; H2 and PostgreSQL agree on it. */
  static final String UNIQUE_VIOLATION = "23505";

  /**
   * True when {@code e}, or the error a batch failed on ({@link java.sql.BatchUpdateException}
   * chains it), is a unique or primary key violation.
   */
  static boolean isUniqueViolation(SQLException e) {
    for (SQLException at = e; at != null; at = at.getNextException()) {
      if (UNIQUE_VIOLATION.equals(at.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Inserts or replaces one cursor; parameters mailbox, folder, uidvalidity, last_uid, updated_at.
   * A single statement, so two nodes saving the same cursor at once cannot collide.
   */
  final String upsertCursor;

  SqlDialect(String upsertCursor) {
    this.upsertCursor = upsertCursor;
  }

  static SqlDialect of(String url) {
    String lower = url.toLowerCase(Locale.ROOT);
    if (lower.startsWith("jdbc:h2:")) {
      return H2;
    }
    if (lower.startsWith("jdbc:postgresql:")) {
      return POSTGRESQL;
    }
    throw new StoreException(
        "Unsupported store URL "
            + StoreSettings.redact(url)
            + ": use jdbc:h2:file:… (embedded) or jdbc:postgresql://… (cluster)");
  }
}
