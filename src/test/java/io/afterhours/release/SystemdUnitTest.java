package io.afterhours.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The service unit that the tarball and the package ship: it runs the installed launcher as its own
 * user in a read-only system, and an invalid config (exit 2) stops it instead of restarting it
 * every few seconds. DebianPackageIT has {@code systemd-analyze verify} check the whole file.
 */
class SystemdUnitTest {
  private static final Path UNIT = Path.of("src/packaging/systemd/afterhours.service");

  /** The unit's settings; a key given twice keeps its last value, as systemd does for these. */
  private static Map<String, String> settings() throws IOException {
    Map<String, String> settings = new LinkedHashMap<>();
    for (String line : Files.readAllLines(UNIT, StandardCharsets.UTF_8)) {
      int equals = line.indexOf('=');
      if (!line.startsWith("#") && equals > 0) {
        settings.put(line.substring(0, equals).strip(), line.substring(equals + 1).strip());
      }
    }
    return settings;
  }

  @Test
  void runsTheInstalledLauncherWithTheConfigInEtcAsItsOwnUserInTheStateDirectory()
      throws IOException {
    assertThat(settings())
        .containsEntry(
            "ExecStart", "/usr/bin/afterhours --config /etc/afterhours/afterhours.conf run")
        .containsEntry("User", "afterhours")
        .containsEntry("Group", "afterhours")
        .containsEntry("StateDirectory", "afterhours")
        .containsEntry("ConfigurationDirectory", "afterhours")
        .containsEntry("WorkingDirectory", "/var/lib/afterhours")
        .containsEntry("ExecReload", "/bin/kill -HUP $MAINPID")
        .containsEntry("TimeoutStopSec", "60");
  }

  @Test
  void restartsAfterAFailureButNotAfterAnInvalidConfig() throws IOException {
    assertThat(settings())
        .containsEntry("Restart", "on-failure")
        .containsEntry("RestartSec", "5s")
        .containsEntry("RestartPreventExitStatus", "2");
  }

  @Test
  void isHardenedWithoutBreakingTheJit() throws IOException {
    assertThat(settings())
        .containsEntry("ProtectSystem", "strict")
        .containsEntry("ProtectHome", "true")
        .containsEntry("PrivateTmp", "true")
        .containsEntry("NoNewPrivileges", "true")
        .containsEntry("ProtectKernelTunables", "true")
        .containsEntry("ProtectControlGroups", "true")
        .containsEntry("RestrictSUIDSGID", "true")
        .containsEntry("LockPersonality", "true")
        .doesNotContainKey("MemoryDenyWriteExecute");
  }
}
