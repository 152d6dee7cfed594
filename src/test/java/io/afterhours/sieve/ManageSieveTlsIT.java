package io.afterhours.sieve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.afterhours.mail.Secret;
import io.afterhours.mail.ServerSettings;
import io.afterhours.mail.ServerSettings.Security;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * STARTTLS for real, against a ManageSieve server on loopback with a certificate made for the test:
 * the upgrade happens before the login, and a certificate that names another host is refused.
 */
class ManageSieveTlsIT {
  private static final char[] PASSWORD = "changeit".toCharArray();
  private static final String GREETING =
      "\"IMPLEMENTATION\" \"Test\"\r\n"
          + "\"SASL\" \"PLAIN\"\r\n"
          + "\"SIEVE\" \"vacation date\"\r\n"
          + "\"STARTTLS\"\r\n"
          + "OK \"ready\"\r\n";

  @TempDir Path dir;

  /** A self-signed certificate with {@code san}; its PEM is written to cert.pem. */
  private SSLContext serverWith(String san) throws Exception {
    Path keystore = dir.resolve("server.p12");
    keytool(
        "-genkeypair",
        "-alias",
        "server",
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-validity",
        "2",
        "-dname",
        "CN=sieve test",
        "-ext",
        "SAN=" + san,
        "-storetype",
        "PKCS12",
        "-keystore",
        keystore.toString(),
        "-storepass",
        "changeit",
        "-keypass",
        "changeit");
    keytool(
        "-exportcert",
        "-rfc",
        "-alias",
        "server",
        "-keystore",
        keystore.toString(),
        "-storepass",
        "changeit",
        "-file",
        dir.resolve("cert.pem").toString());
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      store.load(in, PASSWORD);
    }
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, PASSWORD);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), null, null);
    return context;
  }

  private static void keytool(String... args) throws Exception {
    String[] command = new String[args.length + 1];
    command[0] = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    System.arraycopy(args, 0, command, 1, args.length);
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
  }

  private ServerSettings starttls(int port) {
    return new ServerSettings(
        "127.0.0.1",
        port,
        Security.STARTTLS,
        "me",
        Secret.of("s3cret"),
        Optional.of(dir.resolve("cert.pem")),
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
