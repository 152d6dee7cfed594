package io.afterhours.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.afterhours.pass.DecisionRecord.Outcome;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
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
        .contains("jdbc:h2:file:./data/afterhours;AUTO_SERVER=TRUE;WRITE_DELAY=0");
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
