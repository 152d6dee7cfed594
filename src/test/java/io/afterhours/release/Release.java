package io.afterhours.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The release artifacts that {@code mvn package} made, and running programs against them: each with
 * a clean environment (no AFTERHOURS_* of the developer's shell), the test's own Java runtime, and
 * its output captured.
 */
final class Release {
  /** The pom's version; Failsafe passes it (pom.xml, maven-failsafe-plugin). */
  /**
   * The passwords the shipped config takes from the environment ({@code ${?…}}): without them
   * {@code check} reports the variables unset, as it should on a fresh install.
   */
  static final Map<String, String> PASSWORDS =
      Map.of("AFTERHOURS_IMAP_PASSWORD", "i", "AFTERHOURS_SMTP_PASSWORD", "s");

  static final String VERSION =
      Objects.requireNonNull(
          System.getProperty("afterhours.version"),
          "run through Maven: Failsafe sets the system property afterhours.version");

  private Release() {}

  static Path tarball() {
    return Path.of("target", "afterhours-" + VERSION + ".tar.gz");
  }

  /**
   * jdeb's Debian version of a release or a snapshot version (other suffixes, such as -rc1, it
   * turns into ~rc1): a snapshot sorts before its release (0.1.0~snapshot &lt; 0.1.0).
   */
  static String debianVersion() {
    return VERSION.replaceFirst("-SNAPSHOT$", "~snapshot");
  }

  static Path deb() {
    return Path.of("target", "afterhours_" + debianVersion() + "_all.deb");
  }

  /** The shipped templates: every file of config/templates. */
  static List<String> templateFiles() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("config", "templates"))) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }

  static boolean installed(String tool) {
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .filter(dir -> !dir.isEmpty())
        .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
  }

  record Result(int exit, String out, String err) {
    Result succeeded() {
      assertThat(exit).as("exit status; stdout: %s%nstderr: %s", out, err).isZero();
      return this;
    }
  }

  /** Runs {@code command} in {@code dir}; {@code env} is added to a clean environment. */
  static Result run(Path dir, Map<String, String> env, String... command)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile("afterhours-out", ".txt");
    Path err = Files.createTempFile("afterhours-err", ".txt");
    try {
      ProcessBuilder builder =
          new ProcessBuilder(new ArrayList<>(List.of(command)))
              .directory(dir.toFile())
              .redirectOutput(out.toFile())
              .redirectError(err.toFile());
      builder.environment().keySet().removeIf(name -> name.startsWith("AFTERHOURS_"));
      builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
      builder.environment().putAll(env);
      Process process = builder.start();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(String.join(" ", command) + " did not end within 120 s");
      }
      return new Result(
          process.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  static Result run(Path dir, String... command) throws IOException, InterruptedException {
    return run(dir, Map.of(), command);
  }

  /** One entry of a {@code tar -tv} listing: its mode string and, for a link, its target. */
  record Entry(String mode, String linkTarget) {
    boolean isFile() {
      return mode.startsWith("-");
    }
  }

  /**
   * The entries of a {@code tar -tv} (or {@code dpkg-deb -c}) listing by name, with a leading
   * {@code ./} turned into {@code /}.
   */
  static Map<String, Entry> listing(String tarTv) {
    Map<String, Entry> entries = new TreeMap<>();
    for (String line : tarTv.split("\n")) {
      String[] fields = line.strip().split("\\s+", 6);
      if (fields.length < 6) {
        continue;
      }
      String[] nameAndTarget = fields[5].split(" -> ", 2);
      String name = nameAndTarget[0].replaceFirst("^\\./", "/").replaceFirst("/$", "");
      entries.put(name, new Entry(fields[0], nameAndTarget.length == 2 ? nameAndTarget[1] : ""));
    }
    return entries;
  }

  /** Unpacks the tarball into {@code dir} and returns its top directory. */
  static Path unpackTarball(Path dir) throws IOException, InterruptedException {
    run(dir, "tar", "-xzf", tarball().toAbsolutePath().toString()).succeeded();
    return dir.resolve("afterhours-" + VERSION);
  }
}
