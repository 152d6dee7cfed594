package io.afterhours.sieve;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SieveRequiresTest {
  @Test
  void requiresAreReadFromListsAndSingleStringsInLowerCase() {
    assertThat(
            SieveRequires.of("require [\"fileinto\", \"Vacation\"];\nrequire \"reject\";\nkeep;\n"))
        .containsExactly("fileinto", "vacation", "reject");
  }

  @Test
  void wordsInCommentsStringsAndTextLiteralsAreNotRequires() {
    String script =
        "# require \"vacation\";\n"
            + "/* require [\"reject\"]; */\n"
            + "require \"fileinto\";\n"
            + "if header :contains \"subject\" \"require\" { fileinto \"x\"; }\n"
            + "set \"t\" text:\nrequire \"ereject\";\n.\n;\n";

    assertThat(SieveRequires.of(script)).containsExactly("fileinto");
  }
}
