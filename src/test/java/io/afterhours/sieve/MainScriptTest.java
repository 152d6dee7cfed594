package io.afterhours.sieve;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MainScriptTest {
  @Test
  void theScriptToRestoreIsReadBackFromTheCommentEvenWithQuotesAndBackslashes() {
    String name = "my \"rules\" \\ v2";

    String main = MainScript.including("work", name);

    assertThat(MainScript.restoreTarget(main)).contains(name);
    assertThat(MainScript.restoreTarget(main.replace("\n", "\r\n"))).contains(name);
    assertThat(main).contains("include :personal :optional \"my \\\"rules\\\" \\\\ v2\";");
  }

  @Test
  void aScriptWithoutTheCommentNamesNothingToRestore() {
    assertThat(MainScript.restoreTarget("require \"include\";\n")).isEmpty();
  }

  @Test
  void aCopiedScriptWithoutAFinalLineBreakDoesNotSwallowOurFirstLine() {
    String merged =
        MainScript.merged(
            "work",
            "mine",
            "keep; # last",
            "require \"vacation\";\nours;\n",
            "require \"vacation\";\n");

    assertThat(merged).contains("keep; # last\n# ---- end: your script ----");
    assertThat(merged)
        .containsOnlyOnce("require \"vacation\";")
        .endsWith("ours;\n# ---- end: afterhours ----\n");
  }
}
