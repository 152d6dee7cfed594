package io.afterhours.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.afterhours.config.Settings;
import io.afterhours.config.SettingsLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessTokenTest {
  @TempDir Path dir;

  private Settings settings(String more) throws Exception {
    Path config = dir.resolve("conf").resolve("afterhours.conf");
    Files.createDirectories(config.getParent());
    Files.writeString(config, "afterhours {\n" + more + "\n}\n");
    return new SettingsLoader(Clock.systemUTC()).load(config);
  }

  @Test
  void theTokenIsMadeOnceBesideTheEmbeddedStoreAndOnlyItsOwnerCanReadIt() throws Exception {
    Settings settings =
        settings("store.url = \"jdbc:h2:file:" + dir.resolve("state/data/afterhours") + "\"");

    String made = AccessToken.readOrCreate(settings);
    Path file = dir.resolve("state/data/afterhours.token");
    Object identity = Files.readAttributes(file, BasicFileAttributes.class).fileKey();

    assertThat(AccessToken.location(settings)).isEqualTo(file);
    assertThat(made).hasSizeGreaterThanOrEqualTo(40).matches("[A-Za-z0-9_-]+");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
        .isEqualTo("rwx------");
    assertThat(AccessToken.readOrCreate(settings)).isEqualTo(made);
    assertThat(Files.readAttributes(file, BasicFileAttributes.class).fileKey())
        .as("made once, never rewritten")
        .isEqualTo(identity);
  }

  @Test
  void aPostgresStoreKeepsItBesideTheConfigUnlessTheConfigNamesAFile() throws Exception {
    Settings besideConfig = settings("store.url = \"jdbc:postgresql://db.example/afterhours\"");
    Settings named =
        settings(
            "store.url = \"jdbc:postgresql://db.example/afterhours\"\n"
                + "http.token-file = \""
                + dir.resolve("elsewhere/page.token")
                + "\"");

    assertThat(AccessToken.location(besideConfig)).isEqualTo(dir.resolve("conf/afterhours.token"));
    assertThat(AccessToken.location(named)).isEqualTo(dir.resolve("elsewhere/page.token"));
  }

  @Test
  void tokensAreComparedWholeAndAnEmptyOneNeverMatches() {
    assertThat(AccessToken.matches("abc", "abc")).isTrue();
    assertThat(AccessToken.matches("abc", " abc\n")).isTrue();
    assertThat(AccessToken.matches("abc", "ab")).isFalse();
    assertThat(AccessToken.matches("abc", "")).isFalse();
    assertThat(AccessToken.matches("abc", null)).isFalse();
  }
}
