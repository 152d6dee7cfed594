package io.afterhours.sieve;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The Sieve page tells the whole truth about what a script cannot do, and the README finds it. */
class SieveDocsTest {
  private static String squeezed(String text) {
    return text.replaceAll("\\s+", "");
  }

  @Test
  void theSievePageListsEverythingSieveCannotExpress() throws Exception {
    String page = squeezed(Files.readString(Path.of("docs/sieve.md")));

    for (String limit : SieveLimits.CANNOT_EXPRESS) {
      assertThat(page).contains(squeezed(limit));
    }
  }

  @Test
  void theReadmeNamesTheCommandAndLinksThePage() throws Exception {
    String readme = Files.readString(Path.of("README.md"));

    assertThat(readme)
        .contains("| `sieve [--mailbox NAME] [--push \\| --remove]` |")
        .contains("(docs/sieve.md)");
  }
}
