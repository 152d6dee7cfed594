package io.afterhours.sieve;

import io.afterhours.mail.Secret;
import java.util.Optional;
import java.util.Set;

/**
 * The SASL mechanism and initial response a ManageSieve login uses: PLAIN (RFC 4616) for a
 * password, OAUTHBEARER (RFC 7628) or else XOAUTH2 for an OAuth2 access token. Mechanisms that need
 * more than one round are not offered; every server that runs Sieve for its users offers PLAIN.
 *
 * @param mechanism the mechanism's name, e.g. {@code PLAIN}
 * @param initialResponse the response to send with AUTHENTICATE, before base64
 */
record SaslLogin(String mechanism, String initialResponse) {

  /**
   * The login for {@code user} with {@code secret}, among the server's {@code mechanisms} (upper
   * case); empty when the server offers none that fits.
   */
  static Optional<SaslLogin> choose(Set<String> mechanisms, String user, Secret secret) {
    if (secret.isOAuth2Token()) {
      String token = secret.reveal();
      if (mechanisms.contains("OAUTHBEARER")) {
        return Optional.of(
            new SaslLogin(
                "OAUTHBEARER", "n,a=" + user + ",\u0001auth=Bearer " + token + "\u0001\u0001"));
      }
      if (mechanisms.contains("XOAUTH2")) {
        return Optional.of(
            new SaslLogin(
                "XOAUTH2", "user=" + user + "\u0001auth=Bearer " + token + "\u0001\u0001"));
      }
      return Optional.empty();
    }
    if (mechanisms.contains("PLAIN")) {
      return Optional.of(new SaslLogin("PLAIN", "\u0000" + user + "\u0000" + secret.reveal()));
    }
    return Optional.empty();
  }

  /** Never the secret. */
  @Override
  public String toString() {
    return "SaslLogin[" + mechanism + "]";
  }
}
