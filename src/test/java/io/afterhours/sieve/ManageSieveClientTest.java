package io.afterhours.sieve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.afterhours.mail.Secret;
import io.afterhours.mail.ServerSettings;
import io.afterhours.mail.ServerSettings.Security;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ManageSieveClientTest {
  private static final String CAPABILITIES =
      "\"IMPLEMENTATION\" \"Test\"\r\n"
          + "\"SASL\" \"PLAIN LOGIN\"\r\n"
          + "\"SIEVE\" \"fileinto vacation include date\"\r\n"
          + "\"VERSION\" \"1.0\"\r\n"
          + "OK \"ready\"\r\n";

  private static ServerSettings settings(String host, int port, Security security) {
    return new ServerSettings(
        host, port, security, "me", Secret.of("s3cret"), Optional.empty(), false);
  }

  private static String answer(String command) {
    if (command.startsWith("CAPABILITY")) {
      return CAPABILITIES;
    }
    if (command.startsWith("LISTSCRIPTS")) {
      return "\"afterhours\"\r\n{7}\r\nold one ACTIVE\r\nOK \"Listed\"\r\n";
    }
    if (command.startsWith("GETSCRIPT")) {
      return "{18}\r\nkeep;\r\n# välkom\r\n\r\nOK\r\n";
    }
    if (command.startsWith("PUTSCRIPT \"bad\"")) {
      return "NO \"line 3: error: unknown command 'vacaton'.\"\r\n";
    }
    if (command.startsWith("HAVESPACE")) {
      return "NO (QUOTA/MAXSIZE) \"Script too large\"\r\n";
    }
    return "OK\r\n";
  }

  @Test
  void itLogsInWithPlainAndReadsScriptsListsAndLiterals() throws Exception {
    try (ScriptedManageSieve server =
            new ScriptedManageSieve(CAPABILITIES, ManageSieveClientTest::answer);
        ManageSieveClient client =
            ManageSieveClient.connect(
                "work", settings("127.0.0.1", server.port(), Security.NONE))) {

      assertThat(client.extensions()).containsExactly("fileinto", "vacation", "include", "date");
      assertThat(client.listScripts())
          .containsExactly(
              new SieveServer.StoredScript("afterhours", false),
              new SieveServer.StoredScript("old one", true));
      assertThat(client.getScript("old one")).isEqualTo("keep;\r\n# välkom\r\n");
      assertThat(client.haveSpace("afterhours", 5_000_000)).isFalse();

      String plain =
          Base64.getEncoder().encodeToString("\0me\0s3cret".getBytes(StandardCharsets.UTF_8));
      assertThat(server.received)
          .startsWith("AUTHENTICATE \"PLAIN\" \"" + plain + "\"", "CAPABILITY", "LISTSCRIPTS")
          .contains("GETSCRIPT \"old one\"", "HAVESPACE \"afterhours\" 5000000");
    }
  }

  @Test
  void aScriptGoesUpAsANonSynchronizingLiteralOfItsUtf8Length() throws Exception {
    String script = "require \"vacation\";\r\nvacation \"Selamat — sampai Senin\";\r\n";
    try (ScriptedManageSieve server =
            new ScriptedManageSieve(CAPABILITIES, ManageSieveClientTest::answer);
        ManageSieveClient client =
            ManageSieveClient.connect(
                "work", settings("127.0.0.1", server.port(), Security.NONE))) {
      client.putScript("afterhours", script);
      client.setActive("afterhours");

      int bytes = script.getBytes(StandardCharsets.UTF_8).length;
      assertThat(server.received)
          .contains(
              "PUTSCRIPT \"afterhours\" {" + bytes + "+}\n" + script, "SETACTIVE \"afterhours\"");
    }
  }

  @Test
  void aRefusedCommandFailsWithTheServersOwnWords() throws Exception {
    try (ScriptedManageSieve server =
            new ScriptedManageSieve(CAPABILITIES, ManageSieveClientTest::answer);
        ManageSieveClient client =
            ManageSieveClient.connect(
                "work", settings("127.0.0.1", server.port(), Security.NONE))) {

      assertThatThrownBy(() -> client.putScript("bad", "vacaton;\r\n"))
          .isInstanceOf(SieveServerException.class)
          .hasMessageContaining("refused PUTSCRIPT \"bad\"")
          .hasMessageContaining("line 3: error: unknown command 'vacaton'.");
    }
  }

  @Test
  void aRefusedLoginNamesTheUserButNeverThePassword() throws Exception {
    try (ScriptedManageSieve server =
        new ScriptedManageSieve(CAPABILITIES, c -> "NO \"Authentication failed.\"\r\n")) {

      assertThatThrownBy(
              () ->
                  ManageSieveClient.connect(
                      "work", settings("127.0.0.1", server.port(), Security.NONE)))
          .isInstanceOf(SieveServerException.class)
          .hasMessageContaining("refused the login of me: NO \"Authentication failed.\"")
          .message()
          .doesNotContain("s3cret");
    }
  }

  @Test
  void withStarttlsRequiredAServerThatDoesNotOfferItNeverSeesThePassword() throws Exception {
    try (ScriptedManageSieve server =
        new ScriptedManageSieve(CAPABILITIES, ManageSieveClientTest::answer)) {

      assertThatThrownBy(
              () ->
                  ManageSieveClient.connect(
                      "work", settings("127.0.0.1", server.port(), Security.STARTTLS)))
          .isInstanceOf(SieveServerException.class)
          .hasMessageContaining("does not offer STARTTLS");
      assertThat(server.received).noneMatch(c -> c.startsWith("AUTHENTICATE"));
    }
  }

  @Test
  void aPlainConnectionToAnotherMachineIsRefusedBeforeConnecting() {
    // 192.0.2.0/24 is TEST-NET-1: nothing is sent there, the check comes first.
    assertThatThrownBy(
            () -> ManageSieveClient.connect("work", settings("192.0.2.10", 4190, Security.NONE)))
        .isInstanceOf(SieveServerException.class)
        .hasMessageContaining(
            "security = none, which is refused for a host that is not the loopback");
  }

  @Test
  void theLoginIsRefusedWhereTheServerOffersNoPlainMechanism() throws Exception {
    String greeting = CAPABILITIES.replace("\"PLAIN LOGIN\"", "\"SCRAM-SHA-256\"");
    try (ScriptedManageSieve server =
        new ScriptedManageSieve(greeting, ManageSieveClientTest::answer)) {

      assertThatThrownBy(
              () ->
                  ManageSieveClient.connect(
                      "work", settings("127.0.0.1", server.port(), Security.NONE)))
          .isInstanceOf(SieveServerException.class)
          .hasMessageContaining("offers no PLAIN login (it offers SASL SCRAM-SHA-256)");
      assertThat(server.received).isEqualTo(List.of());
    }
  }
}
