package io.afterhours.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon as a process: SIGHUP reloads the config (or keeps the old one), SIGTERM exits 0. */
class RunCommandIT {
  @TempDir Path dir;
  private Process process;

  @AfterEach
  void killLeftovers() {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
    }
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private void writeConfig(Path file, String pollInterval, int port) throws IOException {
    Files.writeString(
        file,
        """
        afterhours {
          templates = "%s"
          poll-interval = %s
          idle = false
          mailboxes = [ { name = "work", address = "me@example.com",
            imap { host = "127.0.0.1", port = %d, security = none, password = "x" },
            smtp { host = "127.0.0.1", port = %d, security = none } } ]
          store.url = "jdbc:h2:file:%s"
        }
        """
            .formatted(
                Path.of("config/templates").toAbsolutePath(),
                pollInterval,
                port,
                port,
                dir.resolve("store")));
  }

  private String log() throws IOException {
    return Files.readString(dir.resolve("run.log"));
  }

  private static int countOf(String text, String part) {
    return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
  }

  private void signal(String name) throws Exception {
    new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).start().waitFor();
  }

  @Test
  void anEditedConfigReloadsAnInvalidOneIsRefusedHupReloadsAndTermExitsZero() throws Exception {
    Path config = dir.resolve("afterhours.conf");
    int port = closedPort();
    writeConfig(config, "30s", port);
    process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "io.afterhours.Main",
                "--config",
                config.toString(),
                "run")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("run.log").toFile())
            .start();
    await().atMost(Duration.ofSeconds(30)).until(() -> log().contains("afterhours running"));

    // Saving the file is enough: no signal needed.
    writeConfig(config, "45s", port);
    // "configuration reloaded" is logged just after the new daemon says it is polling.
    await().atMost(Duration.ofSeconds(30)).until(() -> log().contains("configuration reloaded"));
    assertThat(log()).contains("the configuration changed").contains("polling every 45s");

    Files.writeString(config, "afterhours { zone = \"Mars/Olympus\" }\n");
    await().atMost(Duration.ofSeconds(30)).until(() -> log().contains("keeping the running one"));
    assertThat(log()).contains("Mars/Olympus");
    assertThat(process.isAlive()).isTrue();

    writeConfig(config, "50s", port);
    await().atMost(Duration.ofSeconds(30)).until(() -> log().contains("polling every 50s"));
    signal("HUP");
    await().atMost(Duration.ofSeconds(30)).until(() -> log().contains("received SIGHUP"));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> countOf(log(), "configuration reloaded") >= 3);

    process.destroy(); // SIGTERM
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(log()).isZero();
    assertThat(log()).contains("received SIGTERM").contains("afterhours stopped");
  }
}
