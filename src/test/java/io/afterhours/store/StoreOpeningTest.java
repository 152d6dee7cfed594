package io.afterhours.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the operator sees when the store cannot be opened. */
class StoreOpeningTest {

  @Test
  void anUnsupportedUrlIsNamedWithoutItsPassword() {
    assertThatThrownBy(() -> Store.open(StoreSettings.of("jdbc:mysql://db/x?password=hunter2")))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("jdbc:mysql://db/x?password=***")
        .hasMessageContaining("jdbc:postgresql:")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void anUnreachableDatabaseIsNamedWithoutItsPassword() {
    StoreSettings settings =
        new StoreSettings(
            "jdbc:postgresql://127.0.0.1:1/afterhours?user=ah&password=hunter2",
            Optional.of("ah"),
            Optional.of("s3cret"));

    assertThatThrownBy(() -> Store.open(settings))
        .isInstanceOf(StoreException.class)
        .hasMessageStartingWith(
            "Cannot connect to the store at"
                + " jdbc:postgresql://127.0.0.1:1/afterhours?user=ah&password=***")
        .hasMessageNotContaining("hunter2")
        .hasMessageNotContaining("s3cret");
  }

  @Test
  void settingsNeverPrintTheirPassword() {
    StoreSettings settings = StoreSettings.of("jdbc:h2:mem:x;PASSWORD=hunter2", "sa", "s3cret");

    assertThat(settings.toString()).doesNotContain("hunter2").doesNotContain("s3cret");
    assertThat(settings.redactedUrl()).isEqualTo("jdbc:h2:mem:x;PASSWORD=***");
  }

  @Test
  void theMigrationsAreNumberedOneToLatestMigrationWithoutGaps() throws Exception {
    java.util.List<Integer> versions;
    try (var files =
        java.nio.file.Files.list(java.nio.file.Path.of("src/main/resources/db/migration"))) {
      versions =
          files
              .map(f -> f.getFileName().toString())
              .filter(n -> n.matches("V\\d+__.*\\.sql"))
              .map(n -> Integer.parseInt(n.substring(1, n.indexOf("__"))))
              .sorted()
              .toList();
    }

    assertThat(versions)
        .as("Store skips Flyway for a store with migrations 1..LATEST_MIGRATION: keep them so")
        .isEqualTo(
            java.util.stream.IntStream.rangeClosed(1, Store.LATEST_MIGRATION).boxed().toList());
  }

  @Test
  void aStoreThatIsCurrentOpensWithoutFlyway(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    StoreSettings settings = StoreSettings.of("jdbc:h2:file:" + dir.resolve("db"));
    try (Store fresh = Store.open(settings);
        var connection = fresh.dataSource().getConnection();
        var statement = connection.createStatement()) {
      fresh.cursors().saveCursor("work", "INBOX", 1, 2);
      // Flyway would refuse this store (checksum mismatch) if it looked at it again.
      statement.executeUpdate(
          "UPDATE \"flyway_schema_history\" SET \"checksum\" = 42 WHERE \"version\" = '1'");
    }

    try (Store again = Store.open(settings)) {
      assertThat(again.cursors().cursor("work", "INBOX")).isPresent();
    }
  }
}
