package io.afterhours.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.afterhours.sieve.SieveConfigs;
import io.afterhours.sieve.SieveLimits;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SieveCommandTest {
  private static final String CONFIG = "config/afterhours.conf";

  @TempDir Path dir;

  /** Without white space: picocli wraps the help at any space, and after some punctuation. */
  private static String squeezed(String text) {
    return text.replaceAll("\\s+", "");
  }

  @Test
  void itPrintsTheSampleMailboxsScriptForTheYearFromNow() {
    Cli cli = Cli.run("--config", CONFIG, "sieve");

    assertThat(cli.exitCode).as(cli.toString()).isZero();
    assertThat(cli.out)
        .startsWith("# afterhours: replies for mailbox \"work\" <me@example.com>\n")
        .contains("from config/afterhours.conf")
        .contains("until 2027-11-27T13:00:00+07:00 (Asia/Jakarta)")
        .contains("# weekend, Fri 27 Nov 16:00 – Mon 30 Nov 08:00 WIB")
        .endsWith("  }\n}\n");
    assertThat(cli.err).isEmpty();
  }

  @Test
  void theHelpSaysWhatSieveCannotExpress() {
    Cli cli = Cli.run("sieve", "--help");

    assertThat(cli.exitCode).isZero();
    assertThat(cli.out).contains("What Sieve cannot express");
    for (String limit : SieveLimits.CANNOT_EXPRESS) {
      assertThat(squeezed(cli.out)).contains(squeezed(limit));
    }
  }

  @Test
  void theCommandListNamesSieve() {
    assertThat(Cli.run("--help").out).contains("sieve");
  }

  @Test
  void anUnknownMailboxIsBadUsageAndTheConfiguredOnesAreNamed() {
    Cli cli = Cli.run("--config", CONFIG, "sieve", "--mailbox", "home");

    assertThat(cli.exitCode).isEqualTo(2);
    assertThat(cli.err).contains("no mailbox is called \"home\" (the config has: work)");
  }

  @Test
  void pushAndRemoveTogetherAreBadUsage() {
    Cli cli = Cli.run("--config", CONFIG, "sieve", "--push", "--remove");

    assertThat(cli.exitCode).isEqualTo(2);
    assertThat(cli.err).contains("mutually exclusive");
  }

  @Test
  void aServerThatCannotBeReachedFailsTheWorkAndSaysWhere() throws IOException {
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    Path config = SieveConfigs.write(dir, "zone = \"UTC\"\n", "sieve { port = " + port + " }\n");

    Cli cli = Cli.run("--config", config.toString(), "sieve", "--push");

    assertThat(cli.exitCode).as(cli.toString()).isEqualTo(1);
    assertThat(cli.err).contains("mailbox work: ManageSieve 127.0.0.1:" + port + ":");
    assertThat(cli.out).isEmpty();
  }
}
