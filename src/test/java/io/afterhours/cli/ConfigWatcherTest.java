package io.afterhours.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigWatcherTest {
  @TempDir Path dir;
  private final AtomicInteger changes = new AtomicInteger();

  private void changesBecome(int expected) {
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(changes).hasValue(expected));
  }

  /** Nothing more arrives for a while (a change takes a few hundred milliseconds to be posted). */
  private void changesStay(int expected) {
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(changes).hasValue(expected));
  }

  @Test
  void theConfigFileAndTheTemplateFoldersAreWatchedButNotOtherFilesBesideTheConfig()
      throws Exception {
    Path config = Files.writeString(dir.resolve("afterhours.conf"), "afterhours {}\n");
    Path templates = Files.createDirectories(dir.resolve("templates"));
    try (ConfigWatcher watcher =
        ConfigWatcher.start(config, List.of(templates), c -> changes.incrementAndGet())) {
      Files.writeString(config, "afterhours { language = en }\n");
      changesBecome(1);

      Files.writeString(templates.resolve("after-hours.en.txt"), "Subject: x\n\nHi\n");
      changesBecome(2);

      Files.writeString(dir.resolve("afterhours.log"), "a log line\n");
      changesStay(2);
    }
  }

  @Test
  void afterFollowingOtherTemplateFoldersTheNewOnesCountAndTheOldOnesNoLonger() throws Exception {
    Path config = Files.writeString(dir.resolve("afterhours.conf"), "afterhours {}\n");
    Path old = Files.createDirectories(dir.resolve("old-templates"));
    Path fresh = Files.createDirectories(dir.resolve("new-templates"));
    try (ConfigWatcher watcher =
        ConfigWatcher.start(config, List.of(old), c -> changes.incrementAndGet())) {
      watcher.follow(List.of(fresh));

      Files.writeString(fresh.resolve("away.id.txt"), "Subject: x\n\nHalo\n");
      changesBecome(1);

      Files.writeString(old.resolve("away.id.txt"), "Subject: x\n\nHalo\n");
      changesStay(1);

      Files.writeString(config, "afterhours { language = id }\n");
      changesBecome(2);
    }
  }
}
