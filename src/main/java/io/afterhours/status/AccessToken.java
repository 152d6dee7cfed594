package io.afterhours.status;

import io.afterhours.config.Settings;
import io.afterhours.store.SecretFile;
import io.afterhours.store.StoreException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;

/**
 * The install's token for the status page: what a request that changes state (the away switch) must
 * carry. Random, made on first use in a file only its owner may read (0600), the way the store's
 * secret is: {@code http.token-file} when the config names one, else beside the embedded store
 * ({@code data/afterhours.token}), else beside the config file. {@code afterhours token} prints it.
 */
public final class AccessToken {
  private static final String NAME = "afterhours.token";

  private AccessToken() {}

  /** Where the token of this configuration is kept. */
  public static Path location(Settings settings) {
    if (settings.http().tokenFile().isPresent()) {
      return settings.http().tokenFile().get().toAbsolutePath().normalize();
    }
    return settings
        .store()
        .embeddedDatabase()
        .map(Path::toAbsolutePath)
        .map(db -> db.resolveSibling(db.getFileName() + ".token"))
        .orElseGet(() -> settings.source().toAbsolutePath().normalize().resolveSibling(NAME))
        .normalize();
  }

  /**
   * The token, made first when there is none (a directory made for it is its owner's only).
   *
   * @throws StoreException when it can be neither read nor made; the message says where
   */
  public static String readOrCreate(Settings settings) {
    Path file = location(settings);
    SecretFile.makePrivateDirectory(file.getParent(), "for the status page's token");
    try {
      return new SecretFile(
              file, "the status page's token", "they can switch the away periods from the page")
          .readOrCreate();
    } catch (StoreException e) {
      throw new StoreException(
          e.getMessage() + " (http.token-file names another place for it)", e.getCause());
    }
  }

  /** Compares in constant time, so that the answer's timing tells nothing of the token. */
  static boolean matches(String expected, String given) {
    if (given == null || given.isEmpty()) {
      return false;
    }
    return MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.UTF_8), given.strip().getBytes(StandardCharsets.UTF_8));
  }
}
