package io.afterhours.store;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * An embedded H2 database in a file: {@code jdbc:h2:file:PATH[;SETTING=…]} or {@code jdbc:h2:PATH}.
 * Not {@code mem:}, {@code tcp:} or {@code ssl:}, which need neither a directory nor a
 * shared-access setting.
 */
final class H2FileUrl {
  private static final String PREFIX = "jdbc:h2:";
  private static final String FILE = "file:";

  private final String url;
  private final Path databasePath;

  private H2FileUrl(String url, Path databasePath) {
    this.url = url;
    this.databasePath = databasePath;
  }

  static Optional<H2FileUrl> parse(String url) {
    String lower = url.toLowerCase(Locale.ROOT);
    if (!lower.startsWith(PREFIX)) {
      return Optional.empty();
    }
    String rest = url.substring(PREFIX.length());
    String restLower = rest.toLowerCase(Locale.ROOT);
    if (restLower.startsWith(FILE)) {
      rest = rest.substring(FILE.length());
    } else if (restLower.matches("^(mem|tcp|ssl|zip|split|nio\\w*|async|memfs|memlzf):.*")) {
      return Optional.empty();
    }
    int settings = rest.indexOf(';');
    String path = settings < 0 ? rest : rest.substring(0, settings);
    if (path.startsWith("~")) {
      path = System.getProperty("user.home") + path.substring(1);
    }
    return Optional.of(new H2FileUrl(url, Path.of(path)));
  }

  /**
   * The URL with the settings afterhours needs, each added unless the URL already decides it.
   * {@code WRITE_DELAY} is not one of them: H2 applies a URL's settings at every new connection,
   * and the store sets it itself (see {@link #WRITE_DELAY_OPEN}).
   *
   * <ul>
   *   <li>{@code AUTO_SERVER=TRUE}: H2 locks a database file for the process that opened it, and
   *       auto-server mode lets a second process (the {@code history} command while the daemon
   *       runs) connect through the first one;
   * </ul>
   */
  String withAfterhoursSettings() {
    String result = url;
    String upper = url.toUpperCase(Locale.ROOT);
    if (!upper.contains(";AUTO_SERVER=")) {
      result += ";AUTO_SERVER=TRUE";
    }
    return result;
  }

  /**
   * How long H2 may keep committed pages before writing them, once the store is open: H2 writes
   * them in the background, many commits at a time. While the store is opened (its schema checked
   * and migrated) it is 0, every commit written at once, so that a migration killed half-way leaves
   * each statement done or not done. The ledger's commits, which must be durable before a reply is
   * handed to SMTP (DESIGN §6), are made durable by a journal of their own ({@link
   * JournaledCommits}), at a small part of the cost of H2 writing its pages for each.
   */
  static final int WRITE_DELAY_OPEN = 500;

  /** True when the URL itself sets {@code WRITE_DELAY}: then the store keeps to it. */
  boolean setsWriteDelay() {
    return url.toUpperCase(Locale.ROOT).contains(";WRITE_DELAY=");
  }

  /** The database's path, without {@code .mv.db}, as the URL names it. */
  Path databasePath() {
    return databasePath;
  }

  /** True when the URL itself gives the database's password ({@code ;PASSWORD=…}). */
  boolean setsPassword() {
    return url.toUpperCase(Locale.ROOT).contains(";PASSWORD=");
  }

  /** The install's secret, beside the database file. */
  StoreSecret secret() {
    return StoreSecret.beside(databasePath);
  }

  /**
   * Creates the directory that will hold the database files, so a fresh install just works. A
   * directory made here is its owner's only (0700): the database file in it is not protected by its
   * password from someone who can copy it.
   */
  void createDirectory() {
    SecretFile.makePrivateDirectory(
        databasePath.toAbsolutePath().getParent(), "for the store " + StoreSettings.redact(url));
  }
}
