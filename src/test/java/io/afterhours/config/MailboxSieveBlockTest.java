package io.afterhours.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.afterhours.mail.ServerSettings;
import io.afterhours.mail.ServerSettings.Security;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The optional {@code sieve} block of a mailbox, for {@code afterhours sieve --push}. */
class MailboxSieveBlockTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-27T00:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;

  private String config(String imap, String sieve) {
    return "afterhours.mailboxes = [ {\n"
        + "  address = \"me@example.com\"\n"
        + "  imap { "
        + imap
        + ", user = \"me\", password = \"pw\" }\n"
        + "  smtp { host = \"smtp.example.com\" }\n"
        + sieve
        + "\n} ]\n";
  }

  private ServerSettings sieveOf(String text) throws Exception {
    Path file = dir.resolve("afterhours.conf");
    Files.writeString(file, text);
    return new SettingsLoader(CLOCK, dir).load(file).mailboxes().get(0).sieve();
  }

  private List<ConfigProblem> problemsOf(String text) throws Exception {
    Path file = dir.resolve("afterhours.conf");
    Files.writeString(file, text);
    return catchThrowableOfType(
            InvalidConfigException.class, () -> new SettingsLoader(CLOCK, dir).load(file))
        .problems();
  }

  @Test
  void withoutASieveBlockManageSieveIsTheImapHostOnPort4190WithStarttlsAndTheImapLogin()
      throws Exception {
    ServerSettings sieve = sieveOf(config("host = \"imap.example.com\"", ""));

    assertThat(sieve.host()).isEqualTo("imap.example.com");
    assertThat(sieve.port()).isEqualTo(4190);
    assertThat(sieve.security()).isEqualTo(Security.STARTTLS);
    assertThat(sieve.user()).isEqualTo("me");
    assertThat(sieve.password().reveal()).isEqualTo("pw");
  }

  @Test
  void aLoopbackTrialWithoutTlsForImapHasNoneForManageSieveToo() throws Exception {
    ServerSettings sieve = sieveOf(config("host = \"127.0.0.1\", security = none", ""));

    assertThat(sieve.security()).isEqualTo(Security.NONE);
  }

  @Test
  void theSieveBlockSetsHostPortAndSecurity() throws Exception {
    ServerSettings sieve =
        sieveOf(
            config(
                "host = \"imap.example.com\"",
                "sieve { host = \"sieve.example.com\", port = 2000, security = tls }"));

    assertThat(sieve.endpoint()).isEqualTo("sieve.example.com:2000");
    assertThat(sieve.security()).isEqualTo(Security.TLS);
    assertThat(sieve.user()).isEqualTo("me");
  }

  @Test
  void aBadPortASecurityThatDoesNotExistAndAMisspeltKeyAreReportedWithTheirKeys() throws Exception {
    List<ConfigProblem> problems =
        problemsOf(
            config(
                "host = \"imap.example.com\"",
                "sieve { port = 70000, security = ssl, hots = \"x\" }"));

    assertThat(problems)
        .extracting(ConfigProblem::toString)
        .anySatisfy(p -> assertThat(p).contains("mailboxes[0].sieve.port: 70000 is not a port"))
        .anySatisfy(
            p ->
                assertThat(p)
                    .contains("mailboxes[0].sieve.security: \"ssl\" is not one of tls, starttls"))
        .anySatisfy(
            p ->
                assertThat(p)
                    .contains("mailboxes[0].sieve.hots: unknown key; did you mean \"host\"?"));
  }
}
