package io.afterhours.mail;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A password or token that is fetched only when a connection is made (from an environment variable,
 * a file or a command) and never shows up in {@code toString}, logs or exceptions.
 */
public final class Secret {
  private final Supplier<String> source;
  private final boolean oauth2Token;

  private Secret(Supplier<String> source, boolean oauth2Token) {
    this.source = source;
    this.oauth2Token = oauth2Token;
  }

  /** A secret already known, e.g. read from the configuration file. */
  public static Secret of(String value) {
    Objects.requireNonNull(value, "value");
    return new Secret(() -> value, false);
  }

  /** A secret fetched lazily, each time a connection needs it. */
  public static Secret from(Supplier<String> source) {
    return new Secret(Objects.requireNonNull(source, "source"), false);
  }

  /**
   * An OAuth2 access token fetched lazily (Gmail, Microsoft 365): the session logs in with XOAUTH2
   * instead of a password.
   */
  public static Secret oauth2Token(Supplier<String> source) {
    return new Secret(Objects.requireNonNull(source, "source"), true);
  }

  public boolean isOAuth2Token() {
    return oauth2Token;
  }

  /** No password, for servers that need no login (a local relay). */
  public static Secret none() {
    return of("");
  }

  /** The secret itself; call it only to hand it to the server. */
  public String reveal() {
    String value = source.get();
    return value == null ? "" : value;
  }

  @Override
  public String toString() {
    return "Secret[****]";
  }
}
