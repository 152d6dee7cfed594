package io.afterhours.sieve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.afterhours.mail.Secret;
import io.afterhours.mail.ServerSettings;
import io.afterhours.mail.ServerSettings.Security;
import io.afterhours.mail.TlsFixture;
import java.nio.file.Path;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * STARTTLS for real, against a ManageSieve server on loopback with a certificate made for the test:
 * the upgrade happens before the login, and a certificate that names another host is refused.
 */
class ManageSieveTlsIT {
  private static final String GREETING =
      "\"IMPLEMENTATION\" \"Test\"\r\n"
          + "\"SASL\" \"PLAIN\"\r\n"
          + "\"SIEVE\" \"vacation date\"\r\n"
          + "\"STARTTLS\"\r\n"
          + "OK \"ready\"\r\n";

  @TempDir Path dir;
  private Path trusted;

  /** A self-signed certificate with {@code san}; its PEM is what the client trusts. */
  private SSLContext serverWith(String san) throws Exception {
    TlsFixture tls = TlsFixture.create(dir, "sieve test", san);
    trusted = tls.certificate();
    return tls.serverContext();
  }

  private ServerSettings starttls(int port) {
    return new ServerSettings(
        "127.0.0.1",
        port,
        Security.STARTTLS,
        "me",
        Secret.of("s3cret"),
        Optional.of(trusted),
        false);
  }

  @Test
  void theConnectionIsUpgradedBeforeTheLoginAndTheCertificateMustNameTheHost() throws Exception {
    SSLContext tls = serverWith("ip:127.0.0.1");
    try (ScriptedManageSieve server = new ScriptedManageSieve(GREETING, c -> "OK\r\n", tls);
        ManageSieveClient client = ManageSieveClient.connect("work", starttls(server.port()))) {
      client.setActive("");

      assertThat(server.received)
          .startsWith("STARTTLS", "(TLS)")
          .anyMatch(c -> c.startsWith("AUTHENTICATE \"PLAIN\""));
    }
  }

  @Test
  void aCertificateForAnotherHostIsRefusedAndThePasswordNeverSent() throws Exception {
    SSLContext tls = serverWith("dns:sieve.example.org");
    try (ScriptedManageSieve server = new ScriptedManageSieve(GREETING, c -> "OK\r\n", tls)) {

      assertThatThrownBy(() -> ManageSieveClient.connect("work", starttls(server.port())))
          .isInstanceOf(SieveServerException.class)
          .hasMessageContaining("ManageSieve 127.0.0.1:")
          .hasMessageContaining("subject alternative names");
      assertThat(server.received).noneMatch(c -> c.startsWith("AUTHENTICATE"));
    }
  }
}
