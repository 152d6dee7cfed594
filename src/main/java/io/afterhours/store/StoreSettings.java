package io.afterhours.store;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the store lives.
 *
 * @param url a JDBC URL: {@code jdbc:h2:file:./data/afterhours} (the default), {@code
 *     jdbc:h2:mem:…} for tests, or {@code jdbc:postgresql://host/db} for a cluster
 * @param user the database user, when the URL does not carry one
 * @param password the database password; never logged, never part of a message
 */
public record StoreSettings(String url, Optional<String> user, Optional<String> password) {
  public static final String DEFAULT_URL = "jdbc:h2:file:./data/afterhours";

  private static final Pattern PASSWORD_IN_URL = Pattern.compile("(?i)(password=)[^&;]*");

  public StoreSettings {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
  }

  public static StoreSettings of(String url) {
    return new StoreSettings(url, Optional.empty(), Optional.empty());
  }

  public static StoreSettings of(String url, String user, String password) {
    return new StoreSettings(url, Optional.of(user), Optional.of(password));
  }

  /**
   * False for an embedded H2 file store whose database file is not there yet, so that a command
   * that only reads ({@code preview}) does not create one; true for any other store.
   */
  public boolean mayExist() {
    return H2FileUrl.parse(url).map(H2FileUrl::exists).orElse(true);
  }

  /** The URL with any {@code password=} parameter masked, fit for logs and error messages. */
  public String redactedUrl() {
    return redact(url);
  }

  static String redact(String text) {
    return text == null ? null : PASSWORD_IN_URL.matcher(text).replaceAll("$1***");
  }

  @Override
  public String toString() {
    return "StoreSettings[url="
        + redactedUrl()
        + ", user="
        + user.orElse("")
        + ", password="
        + (password.isPresent() ? "***" : "")
        + "]";
  }
}
