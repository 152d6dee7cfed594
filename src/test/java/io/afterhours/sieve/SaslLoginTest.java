package io.afterhours.sieve;

import static org.assertj.core.api.Assertions.assertThat;

import io.afterhours.mail.Secret;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SaslLoginTest {
  @Test
  void aPasswordLogsInWithPlain() {
    assertThat(SaslLogin.choose(Set.of("LOGIN", "PLAIN"), "me", Secret.of("pw")))
        .contains(new SaslLogin("PLAIN", "\0me\0pw"));
  }

  @Test
  void anAccessTokenPrefersOauthbearerAndElseTakesXoauth2() {
    Secret token = Secret.oauth2Token(() -> "tok");

    assertThat(SaslLogin.choose(Set.of("PLAIN", "XOAUTH2", "OAUTHBEARER"), "me", token))
        .contains(new SaslLogin("OAUTHBEARER", "n,a=me,\u0001auth=Bearer tok\u0001\u0001"));
    assertThat(SaslLogin.choose(Set.of("PLAIN", "XOAUTH2"), "me", token))
        .contains(new SaslLogin("XOAUTH2", "user=me\u0001auth=Bearer tok\u0001\u0001"));
    assertThat(SaslLogin.choose(Set.of("PLAIN"), "me", token)).isEmpty();
  }

  @Test
  void noMechanismThatFitsMeansNoLoginAndTheSecretIsNeverPrinted() {
    assertThat(SaslLogin.choose(Set.of("SCRAM-SHA-256"), "me", Secret.of("pw"))).isEmpty();
    assertThat(SaslLogin.choose(Set.of("PLAIN"), "me", Secret.of("pw")).orElseThrow().toString())
        .doesNotContain("pw");
  }
}
