package io.afterhours.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;

/** What {@code afterhours --version} says about the build it runs. */
class VersionProviderTest {
  private static Properties build(String... keysAndValues) {
    Properties build = new Properties();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      build.setProperty(keysAndValues[i], keysAndValues[i + 1]);
    }
    return build;
  }

  @Test
  void namesThePomVersionAndTheCommitItWasBuiltFrom() {
    assertThat(
            VersionProvider.describe(
                build("version", "0.1.0-SNAPSHOT", "commit", "1a2b3c4", "modified", "false")))
        .isEqualTo("0.1.0-SNAPSHOT (git 1a2b3c4)");
  }

  @Test
  void saysSoWhenTheBuildHadUncommittedChanges() {
    assertThat(
            VersionProvider.describe(
                build("version", "0.1.0", "commit", "1a2b3c4", "modified", "true")))
        .isEqualTo("0.1.0 (git 1a2b3c4, modified)");
  }

  @Test
  void aBuildOutsideGitHasOnlyThePomVersion() {
    assertThat(
            VersionProvider.describe(build("version", "0.1.0", "commit", "", "modified", "false")))
        .isEqualTo("0.1.0");
  }

  @Test
  void classesCompiledOutsideMavenAreTheDevelopmentVersion() {
    assertThat(VersionProvider.describe(new Properties())).isEqualTo("development");
  }

  @Test
  void theBuildWritesTheVersionBesideTheClass() throws Exception {
    assertThat(new VersionProvider().getVersion())
        .singleElement()
        .asString()
        .matches("afterhours \\d+\\.\\d+\\.\\d+\\S*( \\(git [0-9a-f]{7,}(, modified)?\\))?");
  }
}
