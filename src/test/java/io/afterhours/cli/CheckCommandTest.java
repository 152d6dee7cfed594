package io.afterhours.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTest {
  @TempDir Path dir;

  /** The passwords the sample config takes from the environment. */
  private static final Map<String, String> PASSWORDS =
      Map.of("AFTERHOURS_IMAP_PASSWORD", "i", "AFTERHOURS_SMTP_PASSWORD", "s");

  @Test
  void theSampleConfigAndTemplatesPassWithThePasswordsInTheEnvironment() {
    Cli cli =
        Cli.run(
            Cli.FRIDAY_AFTERNOON,
            PASSWORDS,
            "--config",
            "config/afterhours.conf",
            "check",
            "--offline");

    assertThat(cli.exitCode).as(cli.toString()).isZero();
    assertThat(cli.out).contains("valid");
  }

  @Test
  void anUnsetPasswordVariableIsNamedWithItsLineAndExits2() {
    Cli cli =
        Cli.run(
            Cli.FRIDAY_AFTERNOON,
            Map.of("AFTERHOURS_SMTP_PASSWORD", "s"),
            "--config",
            "config/afterhours.conf",
            "check",
            "--offline");

    assertThat(cli.exitCode).as(cli.toString()).isEqualTo(2);
    assertThat(cli.err)
        .containsPattern(
            "config/afterhours.conf:\\d+: mailboxes\\[0]\\.imap\\.password: is empty: the"
                + " environment variable AFTERHOURS_IMAP_PASSWORD is not set")
        .doesNotContain("AFTERHOURS_SMTP_PASSWORD")
        .contains("1 problem found");
  }

  @Test
  void aPasswordVariableSetButEmptyIsSaidSo() {
    Cli cli =
        Cli.run(
            Cli.FRIDAY_AFTERNOON,
            Map.of("AFTERHOURS_IMAP_PASSWORD", "i", "AFTERHOURS_SMTP_PASSWORD", ""),
            "--config",
            "config/afterhours.conf",
            "check",
            "--offline");

    assertThat(cli.exitCode).as(cli.toString()).isEqualTo(2);
    assertThat(cli.err)
        .contains(
            "mailboxes[0].smtp.password: is empty: the environment variable"
                + " AFTERHOURS_SMTP_PASSWORD is set but empty");
  }

  @Test
  void plainTextToAHostOffTheLoopbackIsRefusedOfflineAsTheServerCheckWould() throws Exception {
    Path config =
        Files.writeString(
            dir.resolve("afterhours.conf"),
            """
            afterhours {
              templates = "%s"
              mailboxes = [ { address = "me@example.com",
                imap { host = "imap.example.com", security = none, password = "x" },
                smtp { host = "127.0.0.1", port = 25, security = none } } ]
            }
            """
                .formatted(Path.of("config/templates").toAbsolutePath()));

    Cli cli = Cli.run("--config", config.toString(), "check", "--offline");

    assertThat(cli.exitCode).as(cli.toString()).isEqualTo(2);
    assertThat(cli.err)
        .contains(
            config
                + ":4: mailboxes[0].imap.security: none to imap.example.com:143 is refused for a"
                + " host that is not the loopback")
        .contains("use tls or starttls, or set allow-insecure = true")
        .doesNotContain("smtp");
  }

  @Test
  @Timeout(60) // should run ever get past the check, it would wait for a signal
  void onceAndRunRefuseWhatCheckOfflineFindsButPreviewStillWorks() throws Exception {
    for (String command : new String[] {"once", "run"}) {
      Cli cli = Cli.run("--config", "config/afterhours.conf", command);
      assertThat(cli.exitCode).as(command + ": " + cli).isEqualTo(2);
      assertThat(cli.err).as(command).contains("AFTERHOURS_IMAP_PASSWORD is not set");
    }

    Cli preview =
        Cli.run("--config", "config/afterhours.conf", "preview", "--at", "2026-11-28T21:00");
    assertThat(preview.exitCode).as(preview.toString()).isZero();
  }

  @Test
  void reportsEveryConfigProblemWithItsLineAndExits2() throws Exception {
    Path config = dir.resolve("bad.conf");
    Files.writeString(
        config,
        """
        afterhours {
          zone = "Asia/Jakrta"
          hours {
            monday = ["08:00-12:00", "13:00-25:00"]
            mondy = ["08:00-12:00"]
          }
        }
        """);

    Cli cli = Cli.run("--config", config.toString(), "check", "--offline");

    assertThat(cli.exitCode).isEqualTo(2);
    assertThat(cli.err)
        .contains(config + ":2: zone: \"Asia/Jakrta\" is not a time zone")
        .contains(config + ":4: hours.monday[1]: \"13:00-25:00\" is not a time range")
        .contains(config + ":5: hours.mondy: unknown key; did you mean \"monday\"?")
        .contains("3 problems");
  }

  @Test
  void reportsAnUnknownPlaceholderAndAMissingSubjectWithTheirFileAndLine() throws Exception {
    Path templates = Files.createDirectories(dir.resolve("templates"));
    Files.writeString(
        templates.resolve("after-hours.en.txt"),
        "Subject: Auto-reply\n\nHello {{sender.nmae}},\nback {{nextOpening}}.\n");
    Files.writeString(templates.resolve("holiday.en.txt"), "Hello,\n\nclosed.\n");
    Path config = dir.resolve("afterhours.conf");
    Files.writeString(config, "afterhours { language = \"en\" }\n");

    Cli cli = Cli.run("--config", config.toString(), "check", "--offline");

    assertThat(cli.exitCode).as(cli.toString()).isEqualTo(2);
    assertThat(cli.err)
        .contains(templates.resolve("after-hours.en.txt") + ":3:")
        .contains("sender.nmae")
        .contains(templates.resolve("holiday.en.txt").toString())
        .contains("Subject");
  }

  /** A config with one mailbox on loopback, the templates in {@code dir/templates}. */
  private Path configWithValues(String globalValues, String mailboxValues) throws Exception {
    Path config = dir.resolve("afterhours.conf");
    Files.writeString(
        config,
        """
        afterhours {
          language = "en"
          values { %s }
          mailboxes = [ { address = "me@example.com", values { %s },
            imap { host = "127.0.0.1", security = none, password = "x" },
            smtp { host = "127.0.0.1", port = 25, security = none } } ]
          store.url = "jdbc:h2:file:%s"
        }
        """
            .formatted(globalValues, mailboxValues, dir.resolve("store")));
    Path templates = Files.createDirectories(dir.resolve("templates"));
    Files.writeString(
        templates.resolve("after-hours.en.txt"),
        "Subject: Auto-reply\n\nHello {{sender.name}},\ncall {{values.phone}} if it is urgent.\n");
    return config;
  }

  @Test
  @Timeout(60)
  void aTemplateNamingAValueTheConfigDoesNotSetStopsCheckAndTheDaemonWithItsFileAndLine()
      throws Exception {
    Path config = configWithValues("fax = \"021 000\"", "");
    String problem =
        dir.resolve("templates").resolve("after-hours.en.txt")
            + ":4: unknown placeholder {{values.phone}}: the config's values block sets only fax,"
            + " portfolio";

    Cli check = Cli.run("--config", config.toString(), "check", "--offline");
    Cli once = Cli.run("--config", config.toString(), "once");

    assertThat(check.exitCode).as(check.toString()).isEqualTo(2);
    assertThat(check.err).contains(problem).contains("1 problem found");
    assertThat(once.exitCode).as(once.toString()).isEqualTo(2);
    assertThat(once.err).contains(problem);
    assertThat(dir.resolve("store.mv.db")).as("nothing started").doesNotExist();
  }

  @Test
  void aValueSetForEachMailboxOnlyPassesCheck() throws Exception {
    Path config = configWithValues("", "phone = \"0812 345\"");

    Cli check = Cli.run("--config", config.toString(), "check", "--offline");

    assertThat(check.exitCode).as(check.toString()).isZero();
  }

  @Test
  void saysWhichSettingsCameFromSystemPropertiesAndTheEnvironment() {
    Map<String, String> env = new java.util.HashMap<>(PASSWORDS);
    env.put("CONFIG_FORCE_afterhours_poll__interval", "30s");
    Cli cli =
        Cli.run(
            Cli.FRIDAY_AFTERNOON,
            env,
            Map.of(
                "afterhours.zone", "UTC", "afterhours.store.password", "secret", "java.home", "x"),
            "--config",
            "config/afterhours.conf",
            "check",
            "--offline");

    assertThat(cli.exitCode).as(cli.toString()).isZero();
    assertThat(cli.out)
        .contains("Set outside the file:")
        .contains("zone = \"UTC\" (from system property afterhours.zone)")
        .contains(
            "poll-interval = \"30s\" (from environment variable"
                + " CONFIG_FORCE_afterhours_poll__interval)")
        .contains("store.password = **** (from system property afterhours.store.password)")
        .doesNotContain("secret")
        .doesNotContain("java.home");
  }

  @Test
  void aBadOverrideNamesThePropertyOrVariableInsteadOfALine() {
    Map<String, String> env = new java.util.HashMap<>(PASSWORDS);
    env.put("CONFIG_FORCE_afterhours_hourz_monday", "x");
    Cli cli =
        Cli.run(
            Cli.FRIDAY_AFTERNOON,
            env,
            // afterhours.seed names no setting: a system property of someone else, left alone.
            Map.of("afterhours.zone", "Asia/Jakrta", "afterhours.seed", "42"),
            "--config",
            "config/afterhours.conf",
            "check",
            "--offline");

    assertThat(cli.exitCode).as(cli.toString()).isEqualTo(2);
    assertThat(cli.err)
        .contains("system property afterhours.zone: zone: \"Asia/Jakrta\" is not a time zone")
        .contains(
            "environment variable CONFIG_FORCE_afterhours_hourz_monday: hourz: unknown key; did"
                + " you mean \"hours\"?")
        .doesNotContain("seed")
        .contains("2 problems found");
  }

  @Test
  void aMissingConfigFileIsReportedAndExits2() {
    Cli cli = Cli.run("--config", dir.resolve("none.conf").toString(), "check", "--offline");

    assertThat(cli.exitCode).isEqualTo(2);
    assertThat(cli.err).contains("no such config file");
  }

  @Test
  void theCommandListGivesEachCommandAWholeSentence() {
    Cli cli = Cli.run("--help");

    assertThat(cli.exitCode).isZero();
    // Each command's summary, its wrapped continuation lines joined back on.
    List<String> summaries = new ArrayList<>();
    cli.out
        .lines()
        .dropWhile(l -> !l.startsWith("Commands:"))
        .skip(1)
        .takeWhile(l -> !l.isBlank())
        .forEach(
            l -> {
              if (l.startsWith("    ")) {
                int last = summaries.size() - 1;
                summaries.set(last, summaries.get(last) + " " + l.strip());
              } else {
                summaries.add(l.strip());
              }
            });
    assertThat(summaries)
        .hasSize(11)
        .allSatisfy(l -> assertThat(l).endsWith("."))
        .anySatisfy(l -> assertThat(l).startsWith("check "))
        .anySatisfy(l -> assertThat(l).startsWith("sieve "))
        .anySatisfy(l -> assertThat(l).startsWith("demo "));
  }

  @Test
  void everyCommandHasHelp() {
    for (String command :
        new String[] {
          "check", "schedule", "preview", "run", "once", "history", "away", "token", "demo", "sieve"
        }) {
      Cli cli = Cli.run(command, "--help");
      assertThat(cli.exitCode).as(command).isZero();
      assertThat(cli.out).as(command).contains("Usage: afterhours " + command);
    }
  }
}
