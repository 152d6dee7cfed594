package io.afterhours.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.afterhours.mail.Secret;
import io.afterhours.mail.ServerSettings;
import io.afterhours.mail.ServerSettings.Security;
import io.afterhours.sieve.ManageSieveClient;
import io.afterhours.sieve.Pigeonhole;
import io.afterhours.sieve.SieveConfigs;
import io.afterhours.sieve.SieveServer.StoredScript;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sieve --push} and {@code --remove} against a real ManageSieve server on 127.0.0.1:4190
 * (Dovecot with Pigeonhole, as scripts/try-dovecot-postfix.sh sets it up), logged in as the trial
 * user {@code owner} ({@code AFTERHOURS_SIEVE_USER} / {@code AFTERHOURS_SIEVE_PASSWORD} choose
 * another). The owner's own filing rule must keep working while afterhours' replies run, and {@code
 * --remove} must make it the active script again. The account's scripts are put back as they were
 * afterwards.
 */
class SieveCommandIT {
  private static final ZoneId JAKARTA = ZoneId.of("Asia/Jakarta");
  private static final String USER = System.getenv().getOrDefault("AFTERHOURS_SIEVE_USER", "owner");
  private static final String PASSWORD =
      System.getenv().getOrDefault("AFTERHOURS_SIEVE_PASSWORD", "owner-secret");
  private static final String ADDRESS = USER + "@afterhours.test";

  @TempDir Path dir;
  private final String theirs = "it-projects-" + UUID.randomUUID().toString().substring(0, 8);
  private List<StoredScript> before;
  private Instant now;

  private static ServerSettings server() {
    return new ServerSettings(
        "127.0.0.1", 4190, Security.NONE, USER, Secret.of(PASSWORD), Optional.empty(), false);
  }

  private static boolean listening() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", 4190), 2000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @BeforeEach
  void needsManageSieveAndPigeonhole() {
    assumeTrue(
        listening(),
        "skipped: no ManageSieve server on 127.0.0.1:4190 (scripts/try-dovecot-postfix.sh sets"
            + " one up)");
    Optional<String> missing = Pigeonhole.missing();
    assumeTrue(missing.isEmpty(), () -> "skipped: " + missing.orElse(""));
    try (ManageSieveClient client = ManageSieveClient.connect("it", server())) {
      before = client.listScripts();
    }
    assumeTrue(
        before.stream().noneMatch(s -> s.name().startsWith("afterhours")),
        "skipped: the account already has afterhours' scripts, which this test would replace");
    now = Instant.now();
    try (ManageSieveClient client = ManageSieveClient.connect("it", server())) {
      client.putScript(
          theirs,
          "require [\"fileinto\"];\r\n"
              + "if header :contains \"subject\" \"Projekt\" { fileinto \"Projects\"; }\r\n");
      client.setActive(theirs);
    }
  }

  @AfterEach
  void putTheAccountBackAsItWas() {
    if (before == null) {
      return;
    }
    try (ManageSieveClient client = ManageSieveClient.connect("it", server())) {
      String active =
          before.stream()
              .filter(StoredScript::active)
              .map(StoredScript::name)
              .findFirst()
              .orElse("");
      client.setActive(active);
      for (StoredScript s : client.listScripts()) {
        if (before.stream().noneMatch(b -> b.name().equals(s.name()))) {
          client.deleteScript(s.name());
        }
      }
    }
  }

  private Cli sieve(String... options) {
    Path config =
        SieveConfigs.writeWithMailbox(
            dir,
            "zone = \"Asia/Jakarta\", language = \"en\"\n"
                + SieveConfigs.hoursAround(now, JAKARTA, 3, 5),
            "name = \"owner\", address = \""
                + ADDRESS
                + "\"\n"
                + "imap { host = \"127.0.0.1\", port = 143, security = none, user = \""
                + USER
                + "\", password = \""
                + PASSWORD
                + "\" }\n"
                + "smtp { host = \"127.0.0.1\", port = 25, security = none }\n"
                + "sieve { port = 4190 }\n");
    String[] args = new String[options.length + 3];
    args[0] = "--config";
    args[1] = config.toString();
    args[2] = "sieve";
    System.arraycopy(options, 0, args, 3, options.length);
    return Cli.run(Clock.systemUTC(), Map.of(), args);
  }

  /** sieve-test of the active script, with the server's scripts copied for include. */
  private String deliverThroughActiveScript(String subject) {
    Pigeonhole pigeonhole = Pigeonhole.inNewFolder();
    Path active = null;
    try (ManageSieveClient client = ManageSieveClient.connect("it", server())) {
      for (StoredScript s : client.listScripts()) {
        Path file = pigeonhole.write("store/" + s.name() + ".sieve", client.getScript(s.name()));
        if (s.active()) {
          active = file;
        }
      }
    }
    assertThat(active).as("an active script").isNotNull();
    Path mail =
        pigeonhole.write(
            "mail.eml",
            Pigeonhole.mail("Budi <budi@example.org>", subject).replace("me@example.com", ADDRESS));
    Pigeonhole.Run run =
        pigeonhole.test(
            active,
            mail,
            "budi@example.org",
            ADDRESS,
            Optional.of(pigeonhole.folder().resolve("store")));
    assertThat(run.output()).as(run.output()).contains("final result: success");
    return run.output();
  }

  private List<StoredScript> scripts() {
    try (ManageSieveClient client = ManageSieveClient.connect("it", server())) {
      return client.listScripts();
    }
  }

  @Test
  void pushKeepsTheOwnersFilingRuleWorkingAndRemoveMakesItActiveAgain() {
    Cli push = sieve("--push");

    assertThat(push.exitCode).as(push.toString()).isZero();
    assertThat(push.out)
        .contains("your script \"" + theirs + "\" is unchanged")
        .endsWith("the server now runs: afterhours-main\n");
    assertThat(scripts())
        .contains(new StoredScript("afterhours-main", true), new StoredScript(theirs, false))
        .anyMatch(s -> s.name().equals("afterhours"));
    assertThat(deliverThroughActiveScript("Projekt Alpha"))
        .contains("store message in folder: Projects")
        .contains("send vacation message")
        .contains("subject : Auto-reply: Projekt Alpha");
    assertThat(deliverThroughActiveScript("Invoice"))
        .contains("send vacation message")
        .contains("store message in folder: INBOX");

    Cli remove = sieve("--remove");

    assertThat(remove.exitCode).as(remove.toString()).isZero();
    assertThat(remove.out)
        .contains("made your script \"" + theirs + "\" active again")
        .endsWith("the server now runs: " + theirs + "\n");
    assertThat(scripts())
        .contains(new StoredScript(theirs, true))
        .noneMatch(s -> s.name().startsWith("afterhours"));
    assertThat(deliverThroughActiveScript("Projekt Beta"))
        .contains("store message in folder: Projects")
        .doesNotContain("vacation");
  }

  @Test
  void pushingTwiceStillRestoresTheOwnersScript() {
    assertThat(sieve("--push").exitCode).isZero();
    Cli again = sieve("--push");

    assertThat(again.exitCode).as(again.toString()).isZero();
    assertThat(again.out).contains("your script \"" + theirs + "\" is unchanged");
    assertThat(sieve("--remove").out).endsWith("the server now runs: " + theirs + "\n");
  }

  @Test
  void anOwnersScriptThatSendsItsOwnVacationIsLeftAloneAndTheCommandFails() {
    try (ManageSieveClient client = ManageSieveClient.connect("it", server())) {
      client.putScript(theirs, "require [\"vacation\"];\r\nvacation \"I am away.\";\r\n");
    }

    Cli push = sieve("--push");

    assertThat(push.exitCode).isEqualTo(1);
    assertThat(push.err).contains("uses vacation").contains("nothing was changed");
    assertThat(scripts())
        .contains(new StoredScript(theirs, true))
        .noneMatch(s -> s.name().startsWith("afterhours"));
  }
}
