package io.afterhours.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.afterhours.pass.DecisionRecord.Outcome;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on embedded H2 files, plus what only the embedded database has to do. */
class H2StoreTest extends StoreContract {
  @TempDir Path directory;

  private int databases;

  @Override
  StoreSettings freshDatabase() {
    return StoreSettings.of("jdbc:h2:file:" + directory.resolve("db" + ++databases));
  }

  @Test
  void createsTheDirectoryOfANewDatabaseFile() {
    Path nested = directory.resolve("not/there/yet");

    try (Store fresh =
        Store.open(StoreSettings.of("jdbc:h2:file:" + nested.resolve("afterhours")))) {
      fresh.cursors().saveCursor("work", "INBOX", 1, 1);
    }

    assertThat(nested.resolve("afterhours.mv.db")).exists();
  }

  @Test
  void housekeepingDropsTheChunksThatCommitsLeaveBehind() {
    // RETENTION_TIME=0 lets H2 drop a chunk as soon as nothing uses it, so that the test need not
    // wait out the 45 s for which it keeps old chunks by default. WRITE_DELAY=0 (a store whose
    // URL asks for it) writes a chunk at every commit.
    StoreSettings tidied =
        StoreSettings.of(
            "jdbc:h2:file:" + directory.resolve("tidied") + ";RETENTION_TIME=0;WRITE_DELAY=0");
    try (Store busy = Store.open(tidied, CLOCK);
        H2Housekeeping housekeeping =
            H2Housekeeping.start(busy.dataSource(), Duration.ofHours(1))) {
      // Each commit writes a chunk; about one in six keeps a live page (measured: 200 after 1,000
      // commits, 705 after 4,000, and growing for as long as the store is open).
      for (int i = 0; i < 2000; i++) {
        busy.decisions().record(decision("work", NOW.plusSeconds(i), Outcome.SKIP));
      }
      int grown = chunks(busy);

      for (int round = 0; round < 100 && housekeeping.tidy(); round++) {
        busy.cursors().saveCursor("work", "INBOX", 1, round); // the next commit drops them
      }
      busy.cursors().saveCursor("work", "INBOX", 1, 100);

      assertThat(grown).isGreaterThan(250);
      assertThat(chunks(busy)).isLessThan(grown / 10);
    }
  }

  @Test
  void anOpenStoreTidiesOnAThreadOfItsOwnThatStopsWithIt() {
    long before = housekeepingThreads();
    try (Store open = Store.open(freshDatabase(), CLOCK)) {
      assertThat(housekeepingThreads()).isEqualTo(before + 1);
    }
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(housekeepingThreads()).isEqualTo(before));
  }

  private static long housekeepingThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("afterhours-h2-housekeeping") && t.isAlive())
        .count();
  }

  /** How many chunks H2 keeps: the entries of its layout map, one per chunk. */
  private static int chunks(Store store) {
    try (Connection connection = store.dataSource().getConnection()) {
      SessionLocal session = (SessionLocal) connection.unwrap(JdbcConnection.class).getSession();
      return session.getDatabase().getStore().getMvStore().getLayoutMap().size();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void twoStoresOnTheSameFileInOneProcessBothReadAndWrite() {
    try (Store second = Store.open(settings, CLOCK)) {
      store.decisions().record(decision("work", NOW, Outcome.SKIP));
      second.decisions().record(decision("home", NOW, Outcome.SKIP));

      assertThat(store.decisions().history(Optional.empty(), Optional.empty(), 10)).hasSize(2);
      assertThat(second.decisions().history(Optional.empty(), Optional.empty(), 10)).hasSize(2);
    }
  }

  @Test
  void aSecondProcessReadsAndWritesWhileTheDaemonHoldsTheFile() throws Exception {
    store.decisions().record(decision("work", NOW, Outcome.SKIP));

    Process history =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                SecondProcess.class.getName(),
                settings.url())
            .redirectErrorStream(true)
            .redirectOutput(directory.resolve("second-process.log").toFile())
            .start();
    try {
      assertThat(history.waitFor(60, TimeUnit.SECONDS)).as("second process finished").isTrue();
    } finally {
      history.destroyForcibly();
    }

    String output =
        Files.readString(directory.resolve("second-process.log"), StandardCharsets.UTF_8);
    assertThat(history.exitValue()).as(output).isZero();
    assertThat(output).contains(SecondProcess.REPORT + "1");
    assertThat(store.decisions().history(Optional.of("second"), Optional.empty(), 10)).hasSize(1);
  }

  @Test
  void anH2FileUrlIsSharedAndWrittenAtEachCommitUnlessItSaysOtherwise() {
    assertThat(H2FileUrl.parse("jdbc:h2:file:./data/afterhours"))
        .map(H2FileUrl::withAfterhoursSettings)
        .contains("jdbc:h2:file:./data/afterhours;AUTO_SERVER=TRUE");
    assertThat(H2FileUrl.parse("jdbc:h2:./data/afterhours;auto_server=false;write_delay=200"))
        .map(H2FileUrl::withAfterhoursSettings)
        .contains("jdbc:h2:./data/afterhours;auto_server=false;write_delay=200");
    assertThat(H2FileUrl.parse("jdbc:h2:mem:test")).isEmpty();
    assertThat(H2FileUrl.parse("jdbc:h2:tcp://localhost/~/afterhours")).isEmpty();
    assertThat(H2FileUrl.parse("jdbc:postgresql://localhost/afterhours")).isEmpty();
  }

  @Test
  void anInMemoryDatabaseServesTests() {
    try (Store memory = Store.open(StoreSettings.of("jdbc:h2:mem:" + directory.getFileName()))) {
      memory.cursors().saveCursor("work", "INBOX", 1, 5);
      assertThat(memory.cursors().cursor("work", "INBOX")).isPresent();
    }
  }

  /** The {@code history} command's view: a separate JVM on the same file. */
  static final class SecondProcess {
    static final String REPORT = "decisions seen by the second process: ";

    public static void main(String[] args) {
      try (Store store = Store.open(StoreSettings.of(args[0]))) {
        int seen = store.decisions().history(Optional.empty(), Optional.empty(), 10).size();
        store.decisions().record(decision("second", NOW, Outcome.SKIP));
        System.out.println(REPORT + seen);
      }
    }
  }
}
