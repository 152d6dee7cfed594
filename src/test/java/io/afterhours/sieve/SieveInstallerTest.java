package io.afterhours.sieve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class SieveInstallerTest {
  private static final String THEIRS =
      "require [\"fileinto\"];\n"
          + "# vacation is mentioned here, in a comment only\n"
          + "if header :contains \"subject\" \"Projekt\" { fileinto \"Projects\"; }\n";

  private static final Function<Set<String>, SieveGenerator.GeneratedScript> OURS =
      extensions ->
          new SieveGenerator.GeneratedScript(
              "# afterhours\nrequire [\"vacation\", \"date\"];\nif true { vacation \"x\"; }\n",
              List.of("vacation", "date"),
              Instant.parse("2026-11-27T06:00:00Z"),
              Instant.parse("2027-11-27T06:00:00Z"),
              ZoneId.of("Asia/Jakarta"),
              512);

  private static List<String> push(InMemorySieveServer server) {
    return new SieveInstaller(server, "work").push(OURS);
  }

  @Test
  void withNoScriptOfTheOwnersActiveOursRunsAlone() {
    InMemorySieveServer server = InMemorySieveServer.dovecot();

    List<String> report = push(server);

    assertThat(server.active).isEqualTo("afterhours");
    assertThat(server.scripts.get("afterhours"))
        .isEqualTo(
            "# afterhours\r\nrequire [\"vacation\", \"date\"];\r\nif true { vacation \"x\"; }\r\n");
    assertThat(report)
        .containsExactly(
            "uploaded \"afterhours\": 72 bytes, 512 windows, valid until 2027-11-27T13:00:00+07:00",
            "no script of yours was active, so \"afterhours\" runs alone",
            "the server now runs: afterhours");
  }

  @Test
  void theOwnersActiveScriptStaysAsItIsAndRunsFirstThroughInclude() {
    InMemorySieveServer server = InMemorySieveServer.dovecot().withActive("roundcube", THEIRS);

    List<String> report = push(server);

    assertThat(server.scripts.get("roundcube")).isEqualTo(THEIRS);
    assertThat(server.active).isEqualTo("afterhours-main");
    String main = server.scripts.get("afterhours-main");
    assertThat(main)
        .contains("# afterhours-restore: \"roundcube\"")
        .contains("require \"include\";")
        .containsSubsequence(
            "include :personal :optional \"roundcube\";",
            "include :personal :optional \"afterhours\";");
    assertThat(server.commands)
        .containsSubsequence(
            "HAVESPACE afterhours",
            "PUTSCRIPT afterhours",
            "HAVESPACE afterhours-main",
            "PUTSCRIPT afterhours-main",
            "SETACTIVE afterhours-main");
    assertThat(report)
        .contains(
            "your script \"roundcube\" is unchanged; \"afterhours-main\" runs it first, then"
                + " \"afterhours\"")
        .last()
        .isEqualTo("the server now runs: afterhours-main");
  }

  @Test
  void withoutIncludeAMarkedCopyOfTheOwnersScriptHasOursAppended() {
    InMemorySieveServer server =
        new InMemorySieveServer("fileinto", "vacation", "date").withActive("mine", THEIRS);

    List<String> report = push(server);

    String main = server.scripts.get("afterhours-main");
    assertThat(main)
        .startsWith("# afterhours-main: made by afterhours for mailbox \"work\".")
        .containsSubsequence(
            "# afterhours-restore: \"mine\"",
            "require [\"vacation\", \"date\"];",
            "# ---- begin: your script \"mine\", copied unchanged ----",
            THEIRS.replace("\n", "\r\n"),
            "# ---- end: your script ----",
            "# ---- begin: afterhours (generated) ----",
            "if true { vacation \"x\"; }",
            "# ---- end: afterhours ----");
    assertThat(main.indexOf("require [\"vacation\""))
        .isEqualTo(main.lastIndexOf("require [\"vacation\""));
    assertThat(server.scripts.get("mine")).isEqualTo(THEIRS);
    assertThat(server.active).isEqualTo("afterhours-main");
    assertThat(report).anyMatch(l -> l.contains("has no include extension"));
  }

  @Test
  void pushingAgainKeepsPointingAtTheOwnersScriptNotAtOurOwn() {
    InMemorySieveServer server = InMemorySieveServer.dovecot().withActive("roundcube", THEIRS);
    push(server);

    push(server);

    assertThat(server.scripts.get("afterhours-main"))
        .contains("# afterhours-restore: \"roundcube\"");
    assertThat(server.active).isEqualTo("afterhours-main");
  }

  @Test
  void removeMakesTheOwnersScriptActiveAgainAndDeletesOurs() {
    InMemorySieveServer server = InMemorySieveServer.dovecot().withActive("roundcube", THEIRS);
    push(server);

    List<String> report = new SieveInstaller(server, "work").remove();

    assertThat(server.active).isEqualTo("roundcube");
    assertThat(server.scripts).containsOnlyKeys("roundcube");
    assertThat(server.scripts.get("roundcube")).isEqualTo(THEIRS);
    assertThat(report)
        .containsExactly(
            "made your script \"roundcube\" active again",
            "deleted \"afterhours-main\"",
            "deleted \"afterhours\"",
            "the server now runs: roundcube");
  }

  @Test
  void removeAfterOursRanAloneLeavesNoScriptActive() {
    InMemorySieveServer server = InMemorySieveServer.dovecot();
    push(server);

    List<String> report = new SieveInstaller(server, "work").remove();

    assertThat(server.active).isEmpty();
    assertThat(server.scripts).isEmpty();
    assertThat(report).last().isEqualTo("the server now runs no script");
  }

  @Test
  void removeLeavesAScriptTheOwnerActivatedSinceAsItIs() {
    InMemorySieveServer server = InMemorySieveServer.dovecot().withActive("roundcube", THEIRS);
    push(server);
    server.scripts.put("newer", "keep;\n");
    server.active = "newer";

    List<String> report = new SieveInstaller(server, "work").remove();

    assertThat(server.active).isEqualTo("newer");
    assertThat(server.scripts).containsOnlyKeys("roundcube", "newer");
    assertThat(report).first().isEqualTo("left your active script \"newer\" as it is");
  }

  @Test
  void anOwnersScriptWithItsOwnVacationIsRefusedAndNothingChanges() {
    String withVacation = "require [\"vacation\"];\nvacation \"away\";\n";
    InMemorySieveServer server = InMemorySieveServer.dovecot().withActive("ooo", withVacation);

    assertThatThrownBy(() -> push(server))
        .isInstanceOf(SieveServerException.class)
        .hasMessageContaining("your active script \"ooo\" uses vacation")
        .hasMessageContaining("nothing was changed");
    assertThat(server.active).isEqualTo("ooo");
    assertThat(server.scripts).containsOnlyKeys("ooo");
  }

  @Test
  void aServerWithoutAnExtensionTheScriptNeedsIsRefusedBeforeAnyUpload() {
    InMemorySieveServer server = new InMemorySieveServer("fileinto", "vacation");

    assertThatThrownBy(() -> push(server))
        .isInstanceOf(SieveServerException.class)
        .hasMessage("the server's Sieve lacks date, which the script needs; nothing was changed");
    assertThat(server.commands).isEmpty();
  }

  @Test
  void noSpaceMeansNothingIsUploadedOrActivated() {
    InMemorySieveServer server = InMemorySieveServer.dovecot().withActive("roundcube", THEIRS);
    server.quota = 10;

    assertThatThrownBy(() -> push(server))
        .isInstanceOf(SieveServerException.class)
        .hasMessageContaining("no space for \"afterhours\"");
    assertThat(server.active).isEqualTo("roundcube");
    assertThat(server.commands).containsExactly("HAVESPACE afterhours");
  }
}
