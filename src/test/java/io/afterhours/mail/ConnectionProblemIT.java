package io.afterhours.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.afterhours.mail.ServerSettings.Security;
import io.afterhours.pass.MailServerException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way a first connection goes wrong, against real servers on loopback (GreenMail, and
 * hand-made TLS and STARTTLS servers presenting a certificate of the test's own), says what is
 * wrong and what to do, naming the mailbox and the server: {@code check} prints it, and so do the
 * daemon's DOWN line and {@code once}.
 */
class ConnectionProblemIT {
  @TempDir static Path dir;
  private static TlsFixture tls;
  private static HandMadeServer implicitTls;
  private static GreenMail mail;

  @BeforeAll
  static void start() throws Exception {
    tls = TlsFixture.create(dir);
    implicitTls = tls.implicitTls();
    mail =
        new GreenMail(
            new ServerSetup[] {
              new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP),
              new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP)
            });
    mail.start();
    mail.setUser("me@example.com", "me", "secret");
  }

  @AfterAll
  static void stop() throws Exception {
    implicitTls.close();
    mail.stop();
  }

  private static ServerSettings server(int port, Security security, Optional<Path> trustFile) {
    return server("127.0.0.1", port, security, trustFile);
  }

  private static ServerSettings server(
      String host, int port, Security security, Optional<Path> trustFile) {
    return new ServerSettings(host, port, security, "me", Secret.of("secret"), trustFile, false);
  }

  /** What a pass reports when it cannot read the INBOX. */
  private static String imapFailure(ServerSettings settings) {
    try (ImapMailbox mailbox = new ImapMailbox("work", settings, Clock.systemUTC())) {
      Throwable failure = catchThrowable(() -> mailbox.fetchNew("INBOX", 0, 0));
      assertThat(failure).isInstanceOf(MailServerException.class);
      return failure.getMessage();
    }
  }

  /** What {@code check} reports when it cannot log in to the SMTP server. */
  private static String smtpFailure(ServerSettings settings) {
    Throwable failure =
        catchThrowable(
            () -> new SmtpReplySender("work", settings, EnvelopeSender.NULL).checkLogin());
    assertThat(failure).isInstanceOf(MailServerException.class);
    return failure.getMessage();
  }

  private static <T> T inWellUnderTheReadTimeout(Callable<T> connecting) throws Exception {
    long start = System.nanoTime();
    T result = connecting.call();
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .as("reported long before the 30 s read timeout")
        .isLessThan(Duration.ofSeconds(10));
    return result;
  }

  @Test
  void anUntrustedCertificateSaysSoAndNamesTrustFile() {
    String untrusted =
        "the server's certificate (self-signed, for mail.example.test) is not trusted: add its CA"
            + " with trust-file";

    assertThat(imapFailure(server(implicitTls.port(), Security.TLS, Optional.empty())))
        .isEqualTo("mailbox work: IMAP server 127.0.0.1:" + implicitTls.port() + ": " + untrusted);
    assertThat(smtpFailure(server(implicitTls.port(), Security.TLS, Optional.empty())))
        .isEqualTo("mailbox work: SMTP server 127.0.0.1:" + implicitTls.port() + ": " + untrusted);
  }

  @Test
  void anUntrustedCertificateAfterStartTlsSaysSoInsteadOfStartTlsFailure() throws Exception {
    try (HandMadeServer imap = StartTlsServer.imap(tls);
        HandMadeServer smtp = StartTlsServer.smtp(tls)) {

      assertThat(imapFailure(server(imap.port(), Security.STARTTLS, Optional.empty())))
          .isEqualTo(
              "mailbox work: IMAP server 127.0.0.1:"
                  + imap.port()
                  + ": the server's certificate (self-signed, for mail.example.test) is not"
                  + " trusted: add its CA with trust-file");
      assertThat(smtpFailure(server(smtp.port(), Security.STARTTLS, Optional.empty())))
          .startsWith("mailbox work: SMTP server 127.0.0.1:" + smtp.port() + ": ")
          .endsWith("is not trusted: add its CA with trust-file")
          .doesNotContain("Could not convert socket to TLS");
    }
  }

  @Test
  void aTrustFileWithoutTheServersCaSaysWhichFile() throws Exception {
    Path otherCa = Path.of(ConnectionProblemIT.class.getResource("/mail/test-ca.pem").toURI());

    assertThat(imapFailure(server(implicitTls.port(), Security.TLS, Optional.of(otherCa))))
        .endsWith(
            "is not trusted: trust-file "
                + otherCa
                + " does not hold its CA: add the CA that"
                + " issued it");
  }

  @Test
  void aHostNameTheCertificateIsNotMadeOutToNamesTheNamesItHas() {
    Optional<Path> trusted = Optional.of(tls.certificate);

    assertThat(imapFailure(server(implicitTls.port(), Security.TLS, trusted)))
        .isEqualTo(
            "mailbox work: IMAP server 127.0.0.1:"
                + implicitTls.port()
                + ": the server's certificate is made out to mail.example.test, not to 127.0.0.1:"
                + " set host to one of those names");
  }

  @Test
  void startTlsOnAnImplicitTlsPortIsFoundAtOnce() throws Exception {
    int imaps = implicitTls.port();
    int smtps = imaps;

    assertThat(
            inWellUnderTheReadTimeout(
                () -> imapFailure(server(imaps, Security.STARTTLS, Optional.empty()))))
        .isEqualTo(
            "mailbox work: IMAP server 127.0.0.1:"
                + imaps
                + ": port "
                + imaps
                + " speaks TLS from the first byte (implicit TLS), but security = starttls"
                + " expects a plain greeting first: set security = tls, or use the server's"
                + " STARTTLS port (143)");
    assertThat(
            inWellUnderTheReadTimeout(
                () -> smtpFailure(server(smtps, Security.STARTTLS, Optional.empty()))))
        .endsWith(
            "but security = starttls expects a plain greeting first: set security = tls, or use"
                + " the server's STARTTLS port (587)");
    assertThat(
            inWellUnderTheReadTimeout(
                () -> imapFailure(server(imaps, Security.NONE, Optional.empty()))))
        .contains("but security = none expects a plain greeting first: set security = tls");
  }

  @Test
  void tlsOnAPlainPortSaysItAnsweredInPlainText() throws Exception {
    int imap = mail.getImap().getPort();
    int smtp = mail.getSmtp().getPort();

    assertThat(
            inWellUnderTheReadTimeout(
                () -> imapFailure(server(imap, Security.TLS, Optional.empty()))))
        .isEqualTo(
            "mailbox work: IMAP server 127.0.0.1:"
                + imap
                + ": port "
                + imap
                + " answered in plain text, but security = tls expects TLS: set security ="
                + " starttls (this looks like a STARTTLS port), or use the server's TLS port"
                + " (993)");
    assertThat(smtpFailure(server(smtp, Security.TLS, Optional.empty())))
        .endsWith("or use the server's TLS port (465)");
  }

  @Test
  void aClosedPortSaysNothingAcceptsConnectionsThere() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }

    assertThat(imapFailure(server(closed, Security.TLS, Optional.empty())))
        .isEqualTo(
            "mailbox work: IMAP server 127.0.0.1:"
                + closed
                + ": nothing accepts connections on port "
                + closed
                + " (connection refused): check host and port; IMAP is usually on 993 with"
                + " security = tls, or 143 with starttls");
  }

  @Test
  void anUnknownHostSaysCheckHost() {
    assertThat(imapFailure(server("no-such-host.invalid", 993, Security.TLS, Optional.empty())))
        .isEqualTo(
            "mailbox work: IMAP server no-such-host.invalid:993: the host name"
                + " no-such-host.invalid is not known (no address in DNS): check host");
  }

  @Test
  void theRightPortAndModeStillLogIn() throws Exception {
    try (ImapMailbox mailbox =
        new ImapMailbox(
            "work",
            server(mail.getImap().getPort(), Security.NONE, Optional.empty()),
            Clock.systemUTC())) {
      assertThat(mailbox.fetchNew("INBOX", 0, 0).uidValidity()).isPositive();
    }
    new SmtpReplySender(
            "work",
            server(mail.getSmtp().getPort(), Security.NONE, Optional.empty()),
            EnvelopeSender.NULL)
        .checkLogin();
  }
}
