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
   * The URL with the settings afterhours needs, each added unless the URL already decides it:
   *
   * <ul>
   *   <li>{@code AUTO_SERVER=TRUE}: H2 locks a database file for the process that opened it, and
   *       auto-server mode lets a second process (the {@code history} command while the daemon
   *       runs) connect through the first one;
   *   <li>{@code WRITE_DELAY=0}: a commit is written to the file at once, not up to half a second
   *       later, so a reply recorded as pending before SMTP survives the process being killed the
   *       moment after (DESIGN §6).
   * </ul>
   */
  String withAfterhoursSettings() {
    String result = url;
    String upper = url.toUpperCase(Locale.ROOT);
    if (!upper.contains(";AUTO_SERVER=")) {
      result += ";AUTO_SERVER=TRUE";
    }
    if (!upper.contains(";WRITE_DELAY=")) {
      result += ";WRITE_DELAY=0";
    }
    return result;
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
