package io.afterhours.release;

import static org.assertj.core.api.Assertions.assertThat;

import io.afterhours.config.Settings;
import io.afterhours.config.SettingsLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * target/afterhours-VERSION.tar.gz: one top directory holding the launcher, the jar, the installed
 * config with every template, the systemd files and the README; unpacked anywhere, it runs with its
 * own config and never builds anything.
 */
class TarballIT {
  @TempDir static Path unpackDir;
  private static Path tree;

  @BeforeAll
  static void unpack() throws Exception {
    tree = Release.unpackTarball(unpackDir);
  }

  @Test
  void theTarballHoldsTheLauncherTheJarTheConfigEveryTemplateAndTheSystemdFiles() throws Exception {
    Map<String, Release.Entry> entries =
        Release.listing(
            Release.run(Path.of("."), "tar", "-tvzf", Release.tarball().toString())
                .succeeded()
                .out());

    String top = "afterhours-" + Release.VERSION + "/";
    List<String> files = new ArrayList<>();
    entries.forEach(
        (name, entry) -> {
          assertThat(name).as("everything is under one top directory").startsWith(top);
          if (entry.isFile()) {
            files.add(name.substring(top.length()));
          }
        });
    List<String> expected =
        new ArrayList<>(
            List.of(
                "bin/afterhours",
                "lib/afterhours.jar",
                "config/afterhours.conf",
                "systemd/afterhours.service",
                "systemd/sysusers.d/afterhours.conf",
                "systemd/tmpfiles.d/afterhours.conf",
                "README.md",
                "CHANGELOG.md"));
    Release.templateFiles().forEach(t -> expected.add("config/templates/" + t));
    assertThat(files).containsExactlyInAnyOrderElementsOf(expected);

    assertThat(entries.get(top + "bin/afterhours").mode()).isEqualTo("-rwxr-xr-x");
    files.stream()
        .filter(f -> !f.equals("bin/afterhours"))
        .forEach(f -> assertThat(entries.get(top + f).mode()).as(f).isEqualTo("-rw-r--r--"));
    assertThat(tree.resolve("bin/afterhours")).isExecutable();
  }

  @Test
  void theUnpackedTreeShowsThePomVersionAndChecksItsOwnConfigFromAnyDirectory(@TempDir Path cwd)
      throws Exception {
    String launcher = tree.resolve("bin/afterhours").toString();

    assertThat(Release.run(cwd, launcher, "--version").succeeded().out())
        .startsWith("afterhours " + Release.VERSION);
    assertThat(
            Release.run(cwd, Release.PASSWORDS, launcher, "check", "--offline").succeeded().out())
        .contains(
            tree.resolve("config/afterhours.conf").toRealPath()
                + ": configuration and templates are valid");
  }

  @Test
  void aLinkToTheLauncherRunsTheTreeItPointsInto(@TempDir Path elsewhere) throws Exception {
    Path link =
        Files.createSymbolicLink(elsewhere.resolve("afterhours"), tree.resolve("bin/afterhours"));

    assertThat(
            Release.run(elsewhere, Release.PASSWORDS, link.toString(), "check", "--offline")
                .succeeded()
                .out())
        .contains(tree.resolve("config/afterhours.conf").toRealPath().toString());
  }

  @Test
  void theInstalledConfigKeepsTheStoreInTheStateDirectoryAndTheTemplatesBesideIt()
      throws Exception {
    Path config = tree.resolve("config/afterhours.conf");

    Settings settings = new SettingsLoader(Clock.systemUTC()).load(config);

    assertThat(settings.store().url())
        .isEqualTo("jdbc:h2:file:/var/lib/afterhours/data/afterhours");
    assertThat(settings.office().templates()).isEqualTo(tree.resolve("config/templates"));
  }
}
