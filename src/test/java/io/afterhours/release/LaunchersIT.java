package io.afterhours.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What each launcher hands the JVM, seen by a stand-in {@code java} that prints its arguments: the
 * source checkout's scripts/afterhours and the release's bin/afterhours bind H2's auto-server to
 * loopback (without it H2 listens on every interface), and an operator's AFTERHOURS_JAVA_OPTS come
 * after the defaults, so that they can raise the heap.
 */
class LaunchersIT {
  @TempDir static Path dir;
  private static Path tree;
  private static Path fakeJavaHome;

  @BeforeAll
  static void unpackAndFakeJava() throws Exception {
    tree = Release.unpackTarball(Files.createDirectory(dir.resolve("unpacked")));
    fakeJavaHome = dir.resolve("fake-jdk");
    Path java = Files.createDirectories(fakeJavaHome.resolve("bin")).resolve("java");
    Files.writeString(java, "#!/bin/sh\nprintf '%s\\n' \"$@\"\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private static List<String> jvmArguments(String launcher, Map<String, String> env)
      throws Exception {
    Map<String, String> withFakeJava = new java.util.HashMap<>(env);
    withFakeJava.put("JAVA_HOME", fakeJavaHome.toString());
    return Release.run(dir, withFakeJava, launcher, "--version").succeeded().out().lines().toList();
  }

  @Test
  void theReleaseLauncherCapsTheHeapAndRunsItsOwnJar() throws Exception {
    List<String> args = jvmArguments(tree.resolve("bin/afterhours").toString(), Map.of());

    assertThat(args)
        .contains("-Xmx256m", "-XX:+ExitOnOutOfMemoryError")
        .endsWith("-jar", tree.resolve("lib/afterhours.jar").toString(), "--version");
  }

  @Test
  void theSourceCheckoutLauncherCapsTheHeapAndRunsACopyOfTheBuiltJar() throws Exception {
    List<String> args =
        jvmArguments(Path.of("scripts/afterhours").toAbsolutePath().toString(), Map.of());

    assertThat(args).contains("-Xmx256m");
    assertThat(args.get(args.size() - 2))
        .startsWith(Path.of("target/run/afterhours-").toAbsolutePath().toString())
        .endsWith(".jar");
  }

  @Test
  void theFirstStartRecordsAClassArchiveAndLaterStartsUseIt() throws Exception {
    Path cache = dir.resolve("cds-cache");
    String launcher = tree.resolve("bin/afterhours").toString();

    List<String> first = jvmArguments(launcher, Map.of("AFTERHOURS_CACHE", cache.toString()));
    String record =
        first.stream()
            .filter(a -> a.startsWith("-XX:ArchiveClassesAtExit="))
            .findFirst()
            .orElseThrow();
    Path archive = Path.of(record.substring(record.indexOf('=') + 1));
    assertThat(archive.getParent()).isEqualTo(cache);
    Files.writeString(archive, "classes"); // what the JVM writes at exit

    List<String> second = jvmArguments(launcher, Map.of("AFTERHOURS_CACHE", cache.toString()));

    assertThat(second)
        .anyMatch(a -> a.startsWith("-XX:SharedArchiveFile=" + cache))
        .noneMatch(a -> a.startsWith("-XX:ArchiveClassesAtExit"));
    assertThat(
            jvmArguments(
                launcher, Map.of("AFTERHOURS_CACHE", cache.toString(), "AFTERHOURS_CDS", "off")))
        .noneMatch(a -> a.startsWith("-XX:SharedArchiveFile") || a.startsWith("-XX:Archive"));
  }

  @Test
  void operatorJavaOptionsComeAfterTheDefaultsOneWordEach() throws Exception {
    List<String> args =
        jvmArguments(
            tree.resolve("bin/afterhours").toString(),
            Map.of("AFTERHOURS_JAVA_OPTS", " -Xmx1g  -Dafterhours.note=* "));

    int defaults = args.indexOf("-Xmx256m");
    int heap = args.indexOf("-Xmx1g");
    assertThat(heap).isGreaterThan(defaults);
    assertThat(args.subList(heap, args.indexOf("-jar")))
        .as("split on blanks, never globbed")
        .containsExactly("-Xmx1g", "-Dafterhours.note=*");
  }

  @Test
  void aMissingJavaRuntimeIsReportedWithExit1() throws Exception {
    Release.Result run =
        Release.run(
            dir,
            Map.of("JAVA_HOME", dir.resolve("no-jdk").toString()),
            tree.resolve("bin/afterhours").toString(),
            "--version");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("no Java runtime", "no-jdk");
  }

  @Test
  void aMissingJarIsReportedByNameWithExit1() throws Exception {
    Release.Result run =
        Release.run(
            dir,
            Map.of("AFTERHOURS_JAR", dir.resolve("no-such.jar").toString()),
            tree.resolve("bin/afterhours").toString(),
            "--version");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("no-such.jar");
  }
}
