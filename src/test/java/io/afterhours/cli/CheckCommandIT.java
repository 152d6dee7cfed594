package io.afterhours.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.afterhours.mail.HandMadeServer;
import io.afterhours.mail.TlsFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code check} without --offline logs in to every server and says how each went. */
class CheckCommandIT {
  @TempDir Path dir;
  private GreenMail mail;

  @BeforeEach
  void startMailServer() {
    mail =
        new GreenMail(
            new ServerSetup[] {
              new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort(),
              new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP).dynamicPort()
            });
    mail.start();
    mail.setUser("me@example.com", "me@example.com", "right");
  }

  @AfterEach
  void stopMailServer() {
    mail.stop();
  }

  private Path config(String password) throws Exception {
    Path file = dir.resolve("afterhours.conf");
    Files.writeString(
        file,
        """
        afterhours {
          templates = "%s"
          mailboxes = [ { name = "work", address = "me@example.com", save-to-sent = false,
            imap { host = "127.0.0.1", port = %d, security = none, password = "%s" },
            smtp { host = "127.0.0.1", port = %d, security = none, password = "%s" } } ]
        }
        """
            .formatted(
                Path.of("config/templates").toAbsolutePath(),
                mail.getImap().getPort(),
                password,
                mail.getSmtp().getPort(),
                password));
    return file;
  }

  @Test
  void reportsEachServerOkWhenTheLoginsWork() throws Exception {
    Cli cli = Cli.run("--config", config("right").toString(), "check");

    assertThat(cli.exitCode).as(cli.toString()).isZero();
    assertThat(cli.out)
        .contains("mailbox work: IMAP 127.0.0.1:" + mail.getImap().getPort() + ": ok, folder INBOX")
        .contains("mailbox work: SMTP 127.0.0.1:" + mail.getSmtp().getPort() + ": ok");
  }

  @Test
  void starttlsOnTheImplicitTlsPortIsReportedAtOnceWithWhatToDo() throws Exception {
    try (HandMadeServer implicitTls = TlsFixture.create(dir).implicitTls()) {
      checkStartTlsAgainst(implicitTls.port());
    }
  }

  private void checkStartTlsAgainst(int imaps) throws Exception {
    Path file = dir.resolve("starttls.conf");
    Files.writeString(
        file,
        """
        afterhours {
          templates = "%s"
          mailboxes = [ { name = "work", address = "me@example.com", save-to-sent = false,
            imap { host = "127.0.0.1", port = %d, security = starttls, password = "right" },
            smtp { host = "127.0.0.1", port = %d, security = none } } ]
        }
        """
            .formatted(
                Path.of("config/templates").toAbsolutePath(), imaps, mail.getSmtp().getPort()));
    long start = System.nanoTime();

    Cli cli = Cli.run("--config", file.toString(), "check");

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    assertThat(cli.exitCode).as(cli.toString()).isEqualTo(1);
    assertThat(cli.out)
        .contains(
            "mailbox work: IMAP 127.0.0.1:"
                + imaps
                + ": FAILED: port "
                + imaps
                + " speaks TLS from the first byte (implicit TLS), but security = starttls expects"
                + " a plain greeting first: set security = tls, or use the server's STARTTLS port"
                + " (143)")
        .contains(
            "mailbox work: SMTP 127.0.0.1:"
                + mail.getSmtp().getPort()
                + ": ok (no login: the smtp block has no password, so the server must relay for"
                + " this machine's address)");
  }

  @Test
  void aRefusedLoginFailsTheCheckWithExit1AndNoPasswordShown() throws Exception {
    Cli cli = Cli.run("--config", config("wrong-secret").toString(), "check");

    assertThat(cli.exitCode).as(cli.toString()).isEqualTo(1);
    assertThat(cli.out)
        .contains(
            "IMAP 127.0.0.1:"
                + mail.getImap().getPort()
                + ": FAILED: login as me@example.com refused (the server said: ")
        .contains("): check user and password");
    assertThat(cli.out + cli.err).doesNotContain("wrong-secret");
  }
}
