package io.afterhours.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GlobPatternTest {

  @ParameterizedTest(name = "\"{0}\" matches \"{1}\"")
  @CsvSource({
    "*@noreply.*, bot@noreply.github.com",
    "no-reply@*, no-reply@accounts.example.com",
    "*-bounces@*, dev-bounces@lists.example.org",
    "*.id, mail.example.co.id",
    "example.com, EXAMPLE.com",
    "a?c@x.org, abc@x.org",
    "*, anything@at.all",
    "'', ''",
  })
  void matchesTheWholeTextIgnoringCase(String glob, String text) {
    assertThat(GlobPattern.of(glob).matches(text)).isTrue();
  }

  @ParameterizedTest(name = "\"{0}\" does not match \"{1}\"")
  @CsvSource({
    "no-reply@*, xno-reply@example.com",
    "example.com, mail.example.com",
    "*.example.com, example.com",
    "a?c@x.org, ac@x.org",
    "a?c@x.org, abbc@x.org",
    "*@noreply.*, bot@noreply",
  })
  void doesNotMatchAPartOfTheText(String glob, String text) {
    assertThat(GlobPattern.of(glob).matches(text)).isFalse();
  }

  @ParameterizedTest(name = "\"{0}\" is literal apart from * and ?")
  @CsvSource({
    "a.b@x.org, axb@x.org",
    "(a)+@x.org, aa@x.org",
    "[ab]@x.org, a@x.org",
    "\\Q*@x.org, a@x.org",
  })
  void treatsRegexCharactersAsThemselves(String glob, String text) {
    assertThat(GlobPattern.of(glob).matches(text)).isFalse();
    assertThat(GlobPattern.of(glob).matches(glob)).isTrue();
  }
}
