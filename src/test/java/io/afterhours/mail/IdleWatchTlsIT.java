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
import java.util.Optional;
import java.util.Properties;
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

  private GreenMail server;
  private IdleWatchers watchers;
  private Path caFile;

  @BeforeEach
  void start(@TempDir Path dir) throws Exception {
    // A certificate for 127.0.0.1, so that the server identity check passes for real.
    TlsFixture tls = TlsFixture.create(dir, "127.0.0.1", "ip:127.0.0.1");
    Path keystore = tls.keystore();
    caFile = tls.certificate();
    System.setProperty(
        DummySSLServerSocketFactory.GREENMAIL_KEYSTORE_FILE_PROPERTY, keystore.toString());
    System.setProperty(
        DummySSLServerSocketFactory.GREENMAIL_KEYSTORE_PASSWORD_PROPERTY, TlsFixture.PASSWORD);
    System.setProperty(
        DummySSLServerSocketFactory.GREENMAIL_KEY_PASSWORD_PROPERTY, TlsFixture.PASSWORD);
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
