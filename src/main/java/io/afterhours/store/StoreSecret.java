package io.afterhours.store;

import java.nio.file.Path;

/**
 * The install's secret for an embedded H2 store: random, made on the first open and never again,
 * kept next to the database ({@code afterhours.secret} beside {@code afterhours.mv.db}) in a file
 * only its owner may read (0600). It is the database's password, so that only a process able to
 * read the file, the service's user, can open the store, whether directly or through the H2 server
 * of the process that holds it.
 */
final class StoreSecret {
  private static final String SUFFIX = ".secret";

  private final SecretFile file;

  private StoreSecret(Path file) {
    this.file = new SecretFile(file, "the store's secret", "they can open the store");
  }

  /** The secret of the database at {@code databasePath} (the path without {@code .mv.db}). */
  static StoreSecret beside(Path databasePath) {
    Path absolute = databasePath.toAbsolutePath().normalize();
    return new StoreSecret(absolute.resolveSibling(absolute.getFileName() + SUFFIX));
  }

  Path file() {
    return file.file();
  }

  /**
   * The secret, made first if there is none yet.
   *
   * @throws StoreException when the file cannot be read or written
   */
  String readOrCreate() {
    return file.readOrCreate();
  }
}
