package io.afterhours.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnceAndHistoryCommandTest {
  @TempDir Path dir;

  /** A loopback port with nobody listening: taken from the OS, then released. */
  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private Path config(int port) throws IOException {
    Path file = dir.resolve("afterhours.conf");
    Files.writeString(
        file,
        """
        afterhours {
          templates = "%s"
          mailboxes = [ { name = "work", address = "me@example.com",
            imap { host = "127.0.0.1", port = %d, security = none, password = "x" },
            smtp { host = "127.0.0.1", port = %d, security = none } } ]
          store.url = "jdbc:h2:file:%s"
        }
        """
            .formatted(
                Path.of("config/templates").toAbsolutePath(), port, port, dir.resolve("store")));
    return file;
  }

  @Test
  void onceExits1WhenAMailboxCannotBeReached() throws Exception {
    Cli cli = Cli.run("--config", config(closedPort()).toString(), "once");

    assertThat(cli.exitCode).as(cli.toString()).isEqualTo(1);
  }

  @Test
  void historyOfAFreshStoreSaysSoAndJsonIsAnEmptyArray() throws Exception {
    Path config = config(closedPort());

    assertThat(Cli.run("--config", config.toString(), "history").out)
        .contains("No decisions recorded yet.");
    assertThat(Cli.run("--config", config.toString(), "history", "--json").out.trim())
        .isEqualTo("[]");
  }

  @Test
  void runWithoutMailboxesIsAConfigurationError() throws Exception {
    Path file = dir.resolve("empty.conf");
    Files.writeString(file, "afterhours { }\n");

    Cli cli = Cli.run("--config", file.toString(), "run");

    assertThat(cli.exitCode).isEqualTo(2);
    assertThat(cli.err).contains("mailboxes: none configured");
  }
}
