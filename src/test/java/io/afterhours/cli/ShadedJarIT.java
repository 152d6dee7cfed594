package io.afterhours.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The runnable jar that {@code scripts/afterhours} runs: every library's service files survive the
 * shading (holidays, zones, mail providers), and stdout carries only the command's output.
 */
class ShadedJarIT {
  private static final Path JAR = Path.of("target", "afterhours.jar");

  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(JAR.toString());
    command.addAll(List.of(args));
    Path out = Files.createTempFile("afterhours-out", ".txt");
    Path err = Files.createTempFile("afterhours-err", ".txt");
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Run(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void theLauncherRunsACopyOfTheJarThatARebuildNeverRewrites() throws Exception {
    Process launcher =
        new ProcessBuilder("bash", "scripts/afterhours", "--version")
            .redirectErrorStream(true)
            .start();
    String out = new String(launcher.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(launcher.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(launcher.exitValue()).as(out).isZero();

    try (var files = Files.list(Path.of("target", "run"))) {
      assertThat(files.filter(f -> f.toString().endsWith(".jar")).toList())
          .as("one copy, named by the jar's time and size, with the jar's bytes")
          .singleElement()
          .satisfies(copy -> assertThat(Files.mismatch(copy, JAR)).isEqualTo(-1L));
    }
  }

  @Test
  void theJarAnswersPreviewWithCleanJsonAndNoLoggingNoise() throws Exception {
    Run run =
        run(
            "--config",
            "config/afterhours.conf",
            "preview",
            "--at",
            "2026-11-28T21:00",
            "--from",
            "Budi <budi@example.org>",
            "--subject",
            "Revisi logo",
            "--json");

    assertThat(run.exit()).as(run.err()).isZero();
    var json = new ObjectMapper().readTree(run.out());
    assertThat(json.get("decision").asText()).isEqualTo("reply");
    assertThat(json.get("nextOpening").asText()).isEqualTo("2026-11-30T08:00:00+07:00");
    assertThat(run.err()).doesNotContain("SLF4J").doesNotContain("Exception");
  }

  @Test
  void theJarFindsJollydaysCalendarsThroughItsServiceFiles() throws Exception {
    Path config = Files.createTempFile("afterhours", ".conf");
    Files.writeString(
        config,
        "afterhours { zone = \"Europe/Berlin\", language = \"de\", holidays.country = \"de\","
            + " templates = \""
            + Path.of("config/templates").toAbsolutePath()
            + "\" }\n");

    Run run =
        run(
            "--config",
            config.toString(),
            "schedule",
            "--from",
            "2026-12-24T00:00",
            "--days",
            "3",
            "--json");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("\"reason\":\"holiday\"").containsIgnoringCase("weihnacht");
  }
}
