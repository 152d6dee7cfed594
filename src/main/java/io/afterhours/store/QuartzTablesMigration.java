package io.afterhours.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * The tables of Quartz's clustered job store (DESIGN §7), on PostgreSQL only: the schema Quartz
 * ships for PostgreSQL, run as it is minus its DROP statements, so it always matches the Quartz
 * version on the class path.
 */
final class QuartzTablesMigration implements JavaMigration {
  static final String SCRIPT = "/org/quartz/impl/jdbcjobstore/tables_postgres.sql";
  static final String VERSION = "100";

  @Override
  public MigrationVersion getVersion() {
    return MigrationVersion.fromVersion(VERSION);
  }

  @Override
  public String getDescription() {
    return "quartz clustered job store";
  }

  /** The script's own checksum: a Quartz upgrade that changes it shows in Flyway's history. */
  @Override
  public Integer getChecksum() {
    try {
      return String.join(";", statements()).hashCode();
    } catch (IOException e) {
      return null;
    }
  }

  @Override
  public boolean canExecuteInTransaction() {
    return true;
  }

  @Override
  public void migrate(Context context) throws Exception {
    try (Statement statement = context.getConnection().createStatement()) {
      for (String sql : statements()) {
        statement.execute(sql);
      }
    }
  }

  static List<String> statements() throws IOException {
    String script;
    try (InputStream in = QuartzTablesMigration.class.getResourceAsStream(SCRIPT)) {
      if (in == null) {
        throw new IOException("Quartz's " + SCRIPT + " is not on the class path");
      }
      script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    StringBuilder withoutComments = new StringBuilder();
    for (String line : script.split("\n")) {
      if (!line.trim().startsWith("--")) {
        withoutComments.append(line).append('\n');
      }
    }
    List<String> statements = new ArrayList<>();
    for (String sql : withoutComments.toString().split(";")) {
      String trimmed = sql.trim();
      String upper = trimmed.toUpperCase(java.util.Locale.ROOT);
      if (!trimmed.isEmpty() && !upper.startsWith("DROP ") && !upper.equals("COMMIT")) {
        statements.add(trimmed);
      }
    }
    return statements;
  }
}
