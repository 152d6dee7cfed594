package io.afterhours.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The README's first command works: a reply to the client, two skips, exit 0. */
class DemoCommandIT {

  @Test
  void theDemoShowsTheClientsReplyAndTheTwoSkips() {
    Cli cli =
        Cli.run(
            java.time.Clock.systemUTC(),
            java.util.Map.of(),
            "--config",
            "config/afterhours.conf",
            "demo");

    assertThat(cli.exitCode).as(cli.toString()).isZero();
    assertThat(cli.out)
        .contains("Replies received by the clients: 1")
        .contains("Auto-Submitted: auto-replied")
        .contains("Balasan otomatis: Revisi logo")
        .contains("BULK_PRECEDENCE")
        .contains("AUTO_SUBMITTED");
  }
}
