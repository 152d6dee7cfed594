package io.afterhours.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.afterhours.mail.ServerSettings.Security;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustFilesTest {
  private static Path resource(String name) throws Exception {
    return Path.of(TrustFilesTest.class.getResource("/mail/" + name).toURI());
  }

  @Test
  void readsTheCaFromPemPkcs12AndJks() throws Exception {
    for (String file : new String[] {"test-ca.pem", "test-ca-trust.p12", "test-ca-trust.jks"}) {
      assertThat(TrustFiles.certificates(resource(file)))
          .as(file)
          .singleElement()
          .satisfies(c -> assertThat(c.getSubjectX500Principal().getName()).contains("afterhours"));
    }
  }

  @Test
  void aTrustFileBecomesTheSessionsSocketFactoryWithIdentityStillChecked() throws Exception {
    ServerSettings settings =
        new ServerSettings(
            "imap.example.com",
            993,
            Security.TLS,
            "me",
            Secret.of("x"),
            Optional.of(resource("test-ca.pem")),
            false);

    var props = MailSessions.imap("work", settings).getProperties();

    assertThat(props.get("mail.imaps.ssl.socketFactory")).isInstanceOf(SSLSocketFactory.class);
    assertThat(props.getProperty("mail.imaps.ssl.checkserveridentity")).isEqualTo("true");
  }

  @Test
  void aFileWithoutCertificatesIsAClearError(@TempDir Path dir) throws Exception {
    Path empty = Files.writeString(dir.resolve("empty.pem"), "-----BEGIN nothing\n");

    assertThatThrownBy(() -> TrustFiles.socketFactory(empty))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("empty.pem");
  }
}
