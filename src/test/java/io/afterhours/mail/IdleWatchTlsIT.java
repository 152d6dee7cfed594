package io.afterhours.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.DummySSLServerSocketFactory;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.afterhours.mail.ServerSettings.Security;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IDLE over TLS the way a mailbox with {@code security = tls} and a {@code trust-file} connects:
 * the server's identity checked, the trust file's socket factory, the write timeout, and the socket
 * channels the IdleManager selects on, all at once.
 */
class IdleWatchTlsIT {
  private static final String STORE_PASSWORD = "changeit";

  private GreenMail server;
  private IdleWatchers watchers;
  private Path caFile;

  @BeforeEach
  void start(@TempDir Path dir) throws Exception {
    Path keystore = dir.resolve("server.p12");
    caFile = dir.resolve("ca.pem");
    // A certificate for 127.0.0.1, so that the server identity check passes for real.
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
        "CN=127.0.0.1",
        "-ext",
        "SAN=ip:127.0.0.1",
        "-storetype",
        "PKCS12",
        "-keystore",
        keystore.toString(),
        "-storepass",
        STORE_PASSWORD,
        "-keypass",
        STORE_PASSWORD);
    keytool(
        "-exportcert",
        "-rfc",
        "-alias",
        "server",
        "-keystore",
        keystore.toString(),
        "-storepass",
        STORE_PASSWORD,
        "-file",
        caFile.toString());
    System.setProperty(
        DummySSLServerSocketFactory.GREENMAIL_KEYSTORE_FILE_PROPERTY, keystore.toString());
    System.setProperty(
        DummySSLServerSocketFactory.GREENMAIL_KEYSTORE_PASSWORD_PROPERTY, STORE_PASSWORD);
    System.setProperty(DummySSLServerSocketFactory.GREENMAIL_KEY_PASSWORD_PROPERTY, STORE_PASSWORD);
    try {
      server =
          new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAPS).dynamicPort());
      server.start();
    } finally {
      System.clearProperty(DummySSLServerSocketFactory.GREENMAIL_KEYSTORE_FILE_PROPERTY);
      System.clearProperty(DummySSLServerSocketFactory.GREENMAIL_KEYSTORE_PASSWORD_PROPERTY);
      System.clearProperty(DummySSLServerSocketFactory.GREENMAIL_KEY_PASSWORD_PROPERTY);
    }
    server.setUser("me@example.com", "me", "secret");
  }

  private static void keytool(String... args) throws Exception {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    List<String> command = new java.util.ArrayList<>(List.of(keytool.toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
  }

  @AfterEach
  void stop() {
    if (watchers != null) {
      watchers.close();
    }
    server.stop();
  }

  private ServerSettings settings(Optional<Path> trustFile) {
    return new ServerSettings(
        "127.0.0.1",
        server.getImaps().getPort(),
        Security.TLS,
        "me",
        Secret.of("secret"),
        trustFile,
        false);
  }

  @Test
  void aTlsFolderWithATrustFileIsWatchedAndHearsOfNewMail() throws Exception {
    ServerSettings settings = settings(Optional.of(caFile));
    AtomicInteger newMail = new AtomicInteger();
    watchers = new IdleWatchers(Duration.ofMillis(500), IdleWatchers.HEALTH_CHECK);
    IdleWatch watch = watchers.watch("work", "INBOX", settings, newMail::incrementAndGet);
    await().atMost(Duration.ofSeconds(20)).until(() -> watch.reissued() >= 2);

    String raw = "From: someone@example.org\r\nSubject: over TLS\r\n\r\nHello\r\n";
    server
        .getUserManager()
        .getUser("me")
        .deliver(
            new MimeMessage(
                Session.getInstance(new Properties()),
                new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8))));

    await().atMost(Duration.ofSeconds(10)).until(() -> newMail.get() == 1);
    assertThat(watch.watching()).isTrue();
  }
}
