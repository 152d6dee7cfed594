package io.afterhours.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTest {
  @TempDir Path dir;

  @Test
  void theSampleConfigAndTemplatesPass() {
    Cli cli = Cli.run("--config", "config/afterhours.conf", "check", "--offline");

    assertThat(cli.exitCode).as(cli.toString()).isZero();
    assertThat(cli.out).contains("valid");
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
        .hasSize(9)
        .allSatisfy(l -> assertThat(l).endsWith("."))
        .anySatisfy(l -> assertThat(l).startsWith("check "))
        .anySatisfy(l -> assertThat(l).startsWith("sieve "))
        .anySatisfy(l -> assertThat(l).startsWith("demo "));
  }

  @Test
  void everyCommandHasHelp() {
    for (String command :
        new String[] {"check", "schedule", "preview", "run", "once", "history", "demo", "sieve"}) {
      Cli cli = Cli.run(command, "--help");
      assertThat(cli.exitCode).as(command).isZero();
      assertThat(cli.out).as(command).contains("Usage: afterhours " + command);
    }
  }
}
