package io.afterhours.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.afterhours.mail.ServerSettings.Security;
import jakarta.mail.Session;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;

class MailSessionsTest {
  private static ServerSettings settings(String host, Security security, boolean allowInsecure) {
    return new ServerSettings(
        host, 1143, security, "me", Secret.of("hunter2"), Optional.empty(), allowInsecure);
  }

  @Test
  void tlsUsesImapsAndChecksTheServerIdentity() {
    Session session = MailSessions.imap("work", settings("imap.example.com", Security.TLS, false));

    assertThat(session.getProperty("mail.store.protocol")).isEqualTo("imaps");
    assertThat(session.getProperty("mail.imaps.ssl.checkserveridentity")).isEqualTo("true");
    assertThat(session.getProperty("mail.imaps.connectiontimeout")).isEqualTo("30000");
    assertThat(session.getProperty("mail.imaps.timeout")).isEqualTo("30000");
  }

  @Test
  void idleSessionsUseSocketChannelsAndOneSharedWriteTimeoutTimerAndPassSessionsDoNot() {
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    try {
      for (Security security : Security.values()) {
        ServerSettings settings = settings("localhost", security, false);
        String p = MailSessions.protocol("imap", security);
        Session idle = MailSessions.idle("work", settings, timer);
        Session pass = MailSessions.imap("work", settings);

        assertThat(idle.getProperty("mail." + p + ".usesocketchannels")).isEqualTo("true");
        assertThat(idle.getProperties().get("mail." + p + ".executor.writetimeout"))
            .isSameAs(timer);
        assertThat(idle.getProperty("mail." + p + ".writetimeout")).isEqualTo("30000");
        assertThat(idle.getProperty("mail." + p + ".peek")).isEqualTo("true");
        assertThat(idle.getProperty("mail." + p + ".starttls.required"))
            .isEqualTo(pass.getProperty("mail." + p + ".starttls.required"));
        assertThat(pass.getProperty("mail." + p + ".usesocketchannels")).isNull();
        assertThat(pass.getProperties().get("mail." + p + ".executor.writetimeout"))
            .as("pass sessions share the daemon-wide write-timeout timer")
            .isNotNull()
            .isNotSameAs(timer)
            .isSameAs(
                MailSessions.smtp("work", settings, "<>")
                    .getProperties()
                    .get(
                        "mail."
                            + MailSessions.protocol("smtp", security)
                            + ".executor.writetimeout"));
      }
    } finally {
      timer.shutdownNow();
    }
  }

  @Test
  void mailboxesOnTheSameServerShareTheirSessionsAndOthersDoNot() {
    ServerSettings server = settings("localhost", Security.NONE, false);
    ServerSettings other = settings("127.0.0.2", Security.NONE, false);

    assertThat(MailSessions.imap("a", server)).isSameAs(MailSessions.imap("b", server));
    assertThat(MailSessions.smtp("a", server, "<>")).isSameAs(MailSessions.smtp("b", server, "<>"));
    assertThat(MailSessions.imap("a", server)).isNotSameAs(MailSessions.imap("a", other));
    assertThat(MailSessions.smtp("a", server, "<>"))
        .as("another envelope sender")
        .isNotSameAs(MailSessions.smtp("a", server, "a@example.com"));
    assertThat(MailSessions.smtp("a", server, "<>"))
        .isNotSameAs(MailSessions.smtpUtf8("a", server, "<>"));
    assertThat(MailSessions.offline(true)).isNotSameAs(MailSessions.offline(false));
  }

  @Test
  void onlyTheSmtpUtf8SessionAllowsUtf8SoThatOtherRepliesNeverAskForSmtpUtf8() {
    ServerSettings settings = settings("smtp.example.com", Security.STARTTLS, false);

    Session ascii = MailSessions.smtp("work", settings, "<>");
    Session utf8 = MailSessions.smtpUtf8("work", settings, "<>");

    assertThat(ascii.getProperty("mail.mime.allowutf8")).isNull();
    assertThat(utf8.getProperty("mail.mime.allowutf8")).isEqualTo("true");
    assertThat(utf8.getProperty("mail.smtp.starttls.required")).isEqualTo("true");
    assertThat(utf8.getProperty("mail.smtp.from")).isEqualTo("<>");
  }

  @Test
  void starttlsIsRequiredNotOpportunistic() {
    Session session =
        MailSessions.smtp("work", settings("smtp.example.com", Security.STARTTLS, false), "<>");

    assertThat(session.getProperty("mail.transport.protocol")).isEqualTo("smtp");
    assertThat(session.getProperty("mail.smtp.starttls.enable")).isEqualTo("true");
    assertThat(session.getProperty("mail.smtp.starttls.required")).isEqualTo("true");
    assertThat(session.getProperty("mail.smtp.ssl.checkserveridentity")).isEqualTo("true");
    assertThat(session.getProperty("mail.smtp.from")).isEqualTo("<>");
  }

  @Test
  void plainConnectionsToAnotherHostAreRefusedNamingMailboxAndHost() {
    assertThatThrownBy(
            () -> MailSessions.imap("work", settings("imap.example.com", Security.NONE, false)))
        .isInstanceOf(InsecureConnectionException.class)
        .hasMessageContaining("mailbox work")
        .hasMessageContaining("imap.example.com:1143");
  }

  @Test
  void plainConnectionsAreAllowedOnTheLoopbackOrWhenExplicitlyAllowed() {
    for (String host : new String[] {"localhost", "127.0.0.1", "127.8.9.10", "::1", "[::1]"}) {
      assertThat(MailSessions.imap("work", settings(host, Security.NONE, false))).isNotNull();
    }
    assertThat(MailSessions.imap("work", settings("imap.example.com", Security.NONE, true)))
        .isNotNull();
  }

  @Test
  void namesThatMerelyLookLocalAreNotLoopback() {
    assertThat(MailSessions.isLoopback("localhost.example.com")).isFalse();
    assertThat(MailSessions.isLoopback("127.example.com")).isFalse();
    assertThat(MailSessions.isLoopback("10.0.0.1")).isFalse();
  }

  @Test
  void settingsNeverPrintThePassword() {
    assertThat(settings("imap.example.com", Security.TLS, false).toString())
        .doesNotContain("hunter2")
        .contains("Secret[****]");
  }
}
