package io.afterhours.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.afterhours.mail.ServerSettings.Security;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** The library's exception chains, as Angus Mail builds them, in the operator's words. */
class ConnectionProblemTest {
  private static ServerSettings server(String host, int port, Security security) {
    return new ServerSettings(host, port, security, "me", Secret.of("x"), Optional.empty(), false);
  }

  private static final ServerSettings IMAPS = server("imap.example.com", 993, Security.TLS);

  /** As Angus wraps a socket failure: a MessagingException around an IOException around it. */
  private static MessagingException wrapped(Exception cause) {
    return new MessagingException(
        "Couldn't connect to host, port: imap.example.com, 993; timeout 30000",
        new IOException("connect failed", cause));
  }

  @Test
  void aRefusedConnectionNamesThePortAndTheUsualOnes() {
    assertThat(
            ConnectionProblem.describe(
                "work", "IMAP", IMAPS, wrapped(new ConnectException("Connection refused"))))
        .isEqualTo(
            "mailbox work: IMAP server imap.example.com:993: nothing accepts connections on port"
                + " 993 (connection refused): check host and port; IMAP is usually on 993 with"
                + " security = tls, or 143 with starttls");
  }

  @Test
  void anUnknownHostSaysCheckHost() {
    assertThat(
            ConnectionProblem.of(
                    wrapped(new UnknownHostException("imap.example.com")), "IMAP", IMAPS)
                .orElseThrow()
                .toString())
        .isEqualTo("the host name imap.example.com is not known (no address in DNS): check host");
  }

  @Test
  void aConnectTimeoutAndAReadTimeoutAreToldApart() {
    assertThat(
            ConnectionProblem.of(
                    wrapped(new SocketTimeoutException("Connect timed out")), "IMAP", IMAPS)
                .orElseThrow()
                .toString())
        .isEqualTo(
            "no answer to the connection within 30 s (connect timed out): check host and port; a"
                + " firewall may drop connections to port 993");
    assertThat(
            ConnectionProblem.of(
                    wrapped(new SocketTimeoutException("Read timed out")), "IMAP", IMAPS)
                .orElseThrow()
                .problem())
        .isEqualTo("the server accepted the connection but did not answer within 30 s");
  }

  @Test
  void noRouteToHostSaysSo() {
    assertThat(
            ConnectionProblem.of(wrapped(new NoRouteToHostException("No route")), "SMTP", IMAPS)
                .orElseThrow()
                .problem())
        .isEqualTo("there is no route to imap.example.com");
  }

  @Test
  void aServerWithoutStartTlsIsToldToUseTlsOrOnTheLoopbackNone() {
    MessagingException noStartTls =
        new MessagingException("STARTTLS is required but host does not support STARTTLS");

    assertThat(
            ConnectionProblem.of(
                    noStartTls, "SMTP", server("smtp.example.com", 587, Security.STARTTLS))
                .orElseThrow()
                .toString())
        .isEqualTo(
            "the server does not offer STARTTLS, and security = starttls requires it: use"
                + " security = tls with the server's TLS port (465)");
    assertThat(
            ConnectionProblem.of(noStartTls, "SMTP", server("127.0.0.1", 25, Security.STARTTLS))
                .orElseThrow()
                .advice())
        .endsWith("or security = none, allowed on the loopback");
  }

  @Test
  void anotherHandshakeFailureKeepsTheJdksWords() {
    assertThat(
            ConnectionProblem.of(
                    wrapped(
                        new SSLHandshakeException(
                            "No appropriate protocol (protocol is disabled or cipher suites are"
                                + " inappropriate)")),
                    "IMAP",
                    IMAPS)
                .orElseThrow()
                .problem())
        .startsWith("the TLS handshake failed (No appropriate protocol");
  }

  @Test
  void aFailureOfAnotherKindIsNoConnectionProblemAndKeepsItsMessage() {
    MessagingException refused = new MessagingException("A3 NO [CANNOT] Folder is locked");

    assertThat(ConnectionProblem.of(refused, "IMAP", IMAPS)).isEmpty();
    assertThat(ConnectionProblem.describe("work", "IMAP", IMAPS, refused))
        .isEqualTo(
            "mailbox work: IMAP server imap.example.com:993: A3 NO [CANNOT] Folder is locked");
  }
}
