package io.afterhours.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The package's maintainer scripts (src/packaging/deb/control, shipped as they are: see
 * DebianPackageIT), run into a scratch root directory ({@code DPKG_ROOT}, as {@code dpkg --root}
 * does) with the system tools they call replaced by stand-ins that only log their arguments.
 *
 * <p>The promises: install creates the user and the state directory but neither enables nor starts
 * the service; removal keeps config and state; purge deletes both.
 */
class MaintainerScriptsIT {
  private static final Path SCRIPTS = Path.of("src/packaging/deb/control").toAbsolutePath();
  private static final List<String> SYSTEMD_TOOLS =
      List.of("systemd-sysusers", "systemd-tmpfiles", "systemctl", "deb-systemd-helper");
  private static final List<String> OTHER_TOOLS =
      List.of("adduser", "getent", "chown", "chgrp", "dpkg-statoverride");

  @TempDir Path dir;
  private Path root;
  private Path log;

  @BeforeEach
  void scratchRoot() throws IOException {
    root = Files.createDirectories(dir.resolve("root"));
    Files.createDirectories(root.resolve("etc/afterhours"));
    Files.writeString(root.resolve("etc/afterhours/afterhours.conf"), "afterhours {}\n");
    Files.createDirectories(root.resolve("var/lib/afterhours/data"));
    Files.writeString(root.resolve("var/lib/afterhours/data/afterhours.mv.db"), "replies");
    log = dir.resolve("calls.log");
    Files.writeString(log, "");
  }

  /** A directory of stand-ins: each logs "name args"; getent finds no user. */
  private Path standIns(List<String> tools) throws IOException {
    Path bin = Files.createDirectories(dir.resolve("stand-ins-" + tools.size()));
    for (String tool : tools) {
      String exit = tool.equals("getent") ? "2" : tool.equals("dpkg-statoverride") ? "1" : "0";
      Path file = bin.resolve(tool);
      Files.writeString(
          file, "#!/bin/sh\necho \"" + tool + " $*\" >> \"$LOG\"\nexit " + exit + "\n");
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    return bin;
  }

  /** A machine with systemd (running, when {@code run/systemd/system} exists in the root). */
  private List<String> withSystemd(String script, String... args) throws Exception {
    List<String> tools = new java.util.ArrayList<>(SYSTEMD_TOOLS);
    tools.addAll(OTHER_TOOLS);
    return run(standIns(tools) + ":/usr/bin:/bin", script, args);
  }

  /** A machine without systemd: only the few real tools the scripts may use besides stand-ins. */
  private List<String> withoutSystemd(String script, String... args) throws Exception {
    Path tools = Files.createDirectories(dir.resolve("tools"));
    for (String tool : List.of("mkdir", "chmod", "rm")) {
      Path real =
          Files.exists(Path.of("/usr/bin", tool))
              ? Path.of("/usr/bin", tool)
              : Path.of("/bin", tool);
      Files.createSymbolicLink(tools.resolve(tool), real);
    }
    return run(standIns(OTHER_TOOLS) + ":" + tools, script, args);
  }

  private List<String> run(String path, String script, String... args) throws Exception {
    String[] command = new String[args.length + 2];
    command[0] = "/bin/sh";
    command[1] = SCRIPTS.resolve(script).toString();
    System.arraycopy(args, 0, command, 2, args.length);
    Release.run(
            dir, Map.of("PATH", path, "DPKG_ROOT", root.toString(), "LOG", log.toString()), command)
        .succeeded();
    return Files.readAllLines(log, StandardCharsets.UTF_8);
  }

  private void systemdRuns() throws IOException {
    Files.createDirectories(root.resolve("run/systemd/system"));
  }

  private String mode(String path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve(path)));
  }

  @Test
  void aFreshInstallCreatesUserAndStateAndTellsSystemdButNeitherEnablesNorStartsTheService()
      throws Exception {
    systemdRuns();

    List<String> calls = withSystemd("postinst", "configure");

    assertThat(calls)
        .contains(
            "systemd-sysusers --root=" + root + " afterhours.conf",
            "systemd-tmpfiles --root=" + root + " --create afterhours.conf",
            "chgrp afterhours " + root + "/etc/afterhours",
            "deb-systemd-helper update-state afterhours.service");
    assertThat(calls)
        .filteredOn(call -> call.startsWith("systemctl"))
        .containsExactly("systemctl --system daemon-reload");
    assertThat(calls).noneMatch(call -> call.matches(".*\\b(enable|start|restart)\\b.*"));
    assertThat(mode("etc/afterhours")).as("the config may hold secrets").isEqualTo("rwxr-x---");
  }

  @Test
  void withoutSystemdTheUserComesFromAdduserAndNothingCallsSystemctl() throws Exception {
    Files.delete(root.resolve("var/lib/afterhours/data/afterhours.mv.db"));
    Files.delete(root.resolve("var/lib/afterhours/data"));
    Files.delete(root.resolve("var/lib/afterhours"));

    List<String> calls = withoutSystemd("postinst", "configure");

    assertThat(calls)
        .contains(
            "adduser --system --group --home /var/lib/afterhours --no-create-home afterhours",
            "chown afterhours:afterhours " + root + "/var/lib/afterhours");
    assertThat(calls).noneMatch(call -> call.startsWith("systemctl"));
    assertThat(mode("var/lib/afterhours")).isEqualTo("rwxr-x---");
  }

  @Test
  void anUpgradeRestartsOnlyARunningServiceAndLeavesTheConfigDirectoryAsTheAdministratorSetIt()
      throws Exception {
    systemdRuns();
    Files.setPosixFilePermissions(
        root.resolve("etc/afterhours"), PosixFilePermissions.fromString("rwxr-xr-x"));

    List<String> calls = withSystemd("postinst", "configure", "0.0.9");

    assertThat(calls)
        .filteredOn(call -> call.startsWith("systemctl"))
        .containsExactly(
            "systemctl --system daemon-reload", "systemctl try-restart afterhours.service");
    assertThat(calls).noneMatch(call -> call.startsWith("chgrp"));
    assertThat(mode("etc/afterhours")).isEqualTo("rwxr-xr-x");
  }

  @Test
  void removalStopsTheServiceAndKeepsConfigAndState() throws Exception {
    systemdRuns();

    withSystemd("prerm", "remove");
    List<String> calls = withSystemd("postrm", "remove");

    assertThat(calls)
        .containsExactly("systemctl stop afterhours.service", "systemctl --system daemon-reload");
    assertThat(root.resolve("etc/afterhours/afterhours.conf")).exists();
    assertThat(root.resolve("var/lib/afterhours/data/afterhours.mv.db")).exists();
  }

  @Test
  void anUpgradeDoesNotStopTheService() throws Exception {
    systemdRuns();

    assertThat(withSystemd("prerm", "upgrade", "0.2.0")).isEmpty();
  }

  @Test
  void purgeDeletesConfigAndState() throws Exception {
    List<String> calls = withSystemd("postrm", "purge");

    assertThat(root.resolve("etc/afterhours")).doesNotExist();
    assertThat(root.resolve("var/lib/afterhours")).doesNotExist();
    assertThat(calls).containsExactly("deb-systemd-helper purge afterhours.service");
  }
}
