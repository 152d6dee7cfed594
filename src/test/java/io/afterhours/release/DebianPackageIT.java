package io.afterhours.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.afterhours.config.Settings;
import io.afterhours.config.SettingsLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * target/afterhours_DEBVERSION_all.deb as dpkg sees it: its control fields, its conffiles, where
 * its files go, and, extracted, a launcher that runs with the config under /etc/afterhours and a
 * unit that {@code systemd-analyze verify} finds clean. Skipped where dpkg-deb is not installed.
 */
class DebianPackageIT {
  private static final String DPKG_MISSING =
      "dpkg-deb is not installed: the .deb was built but not inspected (apt-get install dpkg)";

  @TempDir static Path root;
  private static String deb;

  @BeforeAll
  static void extract() throws Exception {
    assumeThat(Release.installed("dpkg-deb")).as(DPKG_MISSING).isTrue();
    assertThat(Release.deb()).exists();
    deb = Release.deb().toAbsolutePath().toString();
    Release.run(root, "dpkg-deb", "-x", deb, root.toString()).succeeded();
  }

  private static String dpkgDeb(String... args) throws Exception {
    String[] command = new String[args.length + 1];
    command[0] = "dpkg-deb";
    System.arraycopy(args, 0, command, 1, args.length);
    return Release.run(root, command).succeeded().out();
  }

  @Test
  void theControlFieldsNameTheVersionTheJavaRuntimeAndNoArchitecture() throws Exception {
    assertThat(dpkgDeb("-f", deb, "Package")).isEqualTo("afterhours\n");
    assertThat(dpkgDeb("-f", deb, "Version")).isEqualTo(Release.debianVersion() + "\n");
    assertThat(dpkgDeb("-f", deb, "Architecture")).isEqualTo("all\n");
    assertThat(dpkgDeb("-f", deb, "Depends"))
        .contains("default-jre-headless (>= 2:1.17) | java17-runtime-headless");
    assertThat(dpkgDeb("-f", deb, "Maintainer")).matches("(?s).+ <.+@.+>\\n");
  }

  @Test
  void aSnapshotVersionSortsBeforeItsRelease() throws Exception {
    assumeThat(Release.VERSION).endsWith("-SNAPSHOT");
    assumeThat(Release.installed("dpkg")).as("dpkg is not installed").isTrue();
    String release = Release.VERSION.replaceFirst("-SNAPSHOT$", "");

    Release.Result compared =
        Release.run(root, "dpkg", "--compare-versions", Release.debianVersion(), "lt", release);

    assertThat(compared.exit()).isZero();
    assertThat(compared.err()).as("a valid Debian version").isEmpty();
  }

  @Test
  void theConfigAndEveryTemplateAreConffilesAndNothingElseIs() throws Exception {
    List<String> expected = new java.util.ArrayList<>(List.of("/etc/afterhours/afterhours.conf"));
    Release.templateFiles().forEach(t -> expected.add("/etc/afterhours/templates/" + t));

    assertThat(dpkgDeb("-I", deb, "conffiles").lines())
        .containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void theProgramConfigUnitAndSystemFilesGoWhereDebianLooksAndNothingIsEnabled() throws Exception {
    Map<String, Release.Entry> entries = Release.listing(dpkgDeb("-c", deb));

    assertThat(entries.get("/usr/share/afterhours/lib/afterhours.jar").mode())
        .isEqualTo("-rw-r--r--");
    assertThat(entries.get("/usr/share/afterhours/bin/afterhours").mode()).isEqualTo("-rwxr-xr-x");
    assertThat(entries.get("/usr/bin/afterhours").linkTarget())
        .isEqualTo("../share/afterhours/bin/afterhours");
    assertThat(entries.get("/usr/share/afterhours/config").linkTarget())
        .isEqualTo("/etc/afterhours");
    assertThat(entries)
        .containsKeys(
            "/lib/systemd/system/afterhours.service",
            "/usr/lib/sysusers.d/afterhours.conf",
            "/usr/lib/tmpfiles.d/afterhours.conf",
            "/usr/share/doc/afterhours/README.md");
    assertThat(entries.keySet())
        .as("state is made by postinst and kept by removal; the unit is not enabled")
        .noneMatch(name -> name.startsWith("/var") || name.startsWith("/etc/systemd"));
  }

  @Test
  void theMaintainerScriptsAreTheOnesInTheSourceTree() throws Exception {
    for (String script : List.of("postinst", "prerm", "postrm")) {
      assertThat(dpkgDeb("-I", deb, script))
          .as(script)
          .isEqualTo(
              Files.readString(
                  Path.of("src/packaging/deb/control", script), StandardCharsets.UTF_8));
    }
  }

  @Test
  void theExtractedLauncherShowsThePomVersionAndChecksTheConfigInEtc(@TempDir Path cwd)
      throws Exception {
    String launcher = root.resolve("usr/bin/afterhours").toString();
    Path config = root.resolve("etc/afterhours/afterhours.conf");

    assertThat(Release.run(cwd, launcher, "--version").succeeded().out())
        .startsWith("afterhours " + Release.VERSION);
    assertThat(
            Release.run(
                    cwd,
                    Release.PASSWORDS,
                    launcher,
                    "--config",
                    config.toString(),
                    "check",
                    "--offline")
                .succeeded()
                .out())
        .contains(config + ": configuration and templates are valid");
  }

  @Test
  void theInstalledConfigKeepsTheStoreInTheStateDirectoryAndTheTemplatesInEtc() throws Exception {
    Path etc = root.resolve("etc/afterhours");

    Settings settings = new SettingsLoader(Clock.systemUTC()).load(etc.resolve("afterhours.conf"));

    assertThat(settings.store().url())
        .isEqualTo("jdbc:h2:file:/var/lib/afterhours/data/afterhours");
    assertThat(settings.office().templates()).isEqualTo(etc.resolve("templates"));
  }

  /**
   * {@code systemd-analyze verify} checks that ExecStart exists on this machine, where the package
   * is not installed: the copy it checks runs the extracted launcher instead; the rest of the unit
   * is the installed file, byte for byte.
   */
  @Test
  void systemdAnalyzeFindsTheInstalledUnitClean(@TempDir Path units) throws Exception {
    assumeThat(Release.installed("systemd-analyze"))
        .as("systemd-analyze is not installed: the unit was not verified (apt-get install systemd)")
        .isTrue();
    String unit =
        Files.readString(
            root.resolve("lib/systemd/system/afterhours.service"), StandardCharsets.UTF_8);
    assertThat(unit).contains("\nExecStart=/usr/bin/afterhours ");
    Path copy = units.resolve("afterhours.service");
    Files.writeString(
        copy,
        unit.replace(
            "\nExecStart=/usr/bin/afterhours ",
            "\nExecStart=" + root.resolve("usr/bin/afterhours") + " "),
        StandardCharsets.UTF_8);

    Release.Result verify = Release.run(units, "systemd-analyze", "verify", copy.toString());

    assertThat(verify.exit()).as(verify.err()).isZero();
    assertThat(verify.out() + verify.err()).as("no warning").isEmpty();
  }
}
