package io.afterhours.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The install's secret for an embedded H2 store: random, made on the first open and never again,
 * kept next to the database ({@code afterhours.secret} beside {@code afterhours.mv.db}) in a file
 * only its owner may read (0600). It is the database's password, so that only a process able to
 * read the file, the service's user, can open the store, whether directly or through the H2 server
 * of the process that holds it.
 */
final class StoreSecret {
  private static final Logger LOG = LoggerFactory.getLogger(StoreSecret.class);
  private static final String SUFFIX = ".secret";
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path file;

  private StoreSecret(Path file) {
    this.file = file;
  }

  /** The secret of the database at {@code databasePath} (the path without {@code .mv.db}). */
  static StoreSecret beside(Path databasePath) {
    Path absolute = databasePath.toAbsolutePath().normalize();
    return new StoreSecret(absolute.resolveSibling(absolute.getFileName() + SUFFIX));
  }

  Path file() {
    return file;
  }

  /**
   * The secret, made first if there is none yet. Two processes that open a new store at once agree
   * on one secret: each writes its own to a temporary file, and only the first link to the real
   * name succeeds.
   *
   * @throws StoreException when the file cannot be read or written
   */
  String readOrCreate() {
    try {
      if (!Files.exists(file)) {
        create();
      }
      String secret = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (secret.isEmpty()) {
        throw new StoreException(
            "The store's secret " + file + " is empty: restore it from a backup");
      }
      warnIfOthersCanRead();
      return secret;
    } catch (IOException e) {
      throw new StoreException("Cannot read or make the store's secret " + file + ": " + e, e);
    }
  }

  private void create() throws IOException {
    byte[] random = new byte[32];
    RANDOM.nextBytes(random);
    byte[] secret =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(random)
            .concat("\n")
            .getBytes(StandardCharsets.US_ASCII);
    Path directory = file.getParent();
    Path temporary =
        posix()
            ? Files.createTempFile(
                directory,
                file.getFileName().toString(),
                ".new",
                PosixFilePermissions.asFileAttribute(OWNER_ONLY))
            : Files.createTempFile(directory, file.getFileName().toString(), ".new");
    try {
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
        channel.write(ByteBuffer.wrap(secret));
        channel.force(true);
      }
      try {
        Files.createLink(file, temporary);
        LOG.info("made the store's secret {} (readable by this user only)", file);
      } catch (FileAlreadyExistsException e) {
        // Another process made it first: use theirs.
      } catch (UnsupportedOperationException e) {
        Files.move(temporary, file);
      }
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  private void warnIfOthersCanRead() throws IOException {
    if (!posix()) {
      return;
    }
    Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
    if (permissions.contains(PosixFilePermission.GROUP_READ)
        || permissions.contains(PosixFilePermission.OTHERS_READ)) {
      LOG.warn(
          "the store's secret {} can be read by other users ({}): they can open the store;"
              + " chmod 600 it",
          file,
          PosixFilePermissions.toString(permissions));
    }
  }

  private static boolean posix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }
}
