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
 * A random secret of the install in a file only its owner may read (0600), made on first use and
 * never again: the store's password ({@link StoreSecret}) and the status page's token.
 */
public final class SecretFile {
  private static final Logger LOG = LoggerFactory.getLogger(SecretFile.class);
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path file;
  private final String what;
  private final String risk;

  /**
   * @param what what it is, for messages: "the store's secret"
   * @param risk what someone else who reads it can do, for the warning: "they can open the store"
   */
  public SecretFile(Path file, String what, String risk) {
    this.file = file.toAbsolutePath().normalize();
    this.what = what;
    this.risk = risk;
  }

  public Path file() {
    return file;
  }

  /**
   * The secret, made first if there is none yet. Two processes that make it at once agree on one:
   * each writes its own to a temporary file, and only the first link to the real name succeeds.
   *
   * @throws StoreException when the file cannot be read or written
   */
  public String readOrCreate() {
    try {
      if (!Files.exists(file)) {
        create();
      }
      String secret = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (secret.isEmpty()) {
        throw new StoreException(
            capitalized() + " " + file + " is empty: restore it from a backup");
      }
      warnIfOthersCanRead();
      return secret;
    } catch (IOException e) {
      throw new StoreException("Cannot read or make " + what + " " + file + ": " + e, e);
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
        LOG.info("made {} {} (readable by this user only)", what, file);
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
          "{} {} can be read by other users ({}): {}; chmod 600 it",
          what,
          file,
          PosixFilePermissions.toString(permissions),
          risk);
    }
  }

  private String capitalized() {
    return what.isEmpty() ? what : Character.toUpperCase(what.charAt(0)) + what.substring(1);
  }

  /**
   * Makes {@code directory} (and its parents) when it is not there, its owner's only (0700): what
   * is kept in it (a database, a secret) is not to be read by others.
   *
   * @param purpose what it is for, for the error: "for the store …"
   * @throws StoreException when it cannot be made; the message names it
   */
  public static void makePrivateDirectory(Path directory, String purpose) {
    if (directory == null || Files.isDirectory(directory)) {
      return;
    }
    try {
      if (posix()) {
        Files.createDirectories(
            directory,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } else {
        Files.createDirectories(directory);
      }
    } catch (IOException e) {
      throw new StoreException("Cannot create the directory " + directory + " " + purpose, e);
    }
  }

  private static boolean posix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }
}
