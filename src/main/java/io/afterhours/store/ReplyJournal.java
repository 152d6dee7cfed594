package io.afterhours.store;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.zip.CRC32C;

/**
 * A log file beside an H2 store that makes each commit of the reply protocol durable by itself:
 * {@code afterhours.journal.<id>} beside {@code afterhours.mv.db}, one per process that holds the
 * database file. An entry is written and forced to the disk after its commit, and before the reply
 * it claims is handed to SMTP; H2 itself writes its pages in the background (see {@link
 * JournaledCommits}), which is the cost this saves.
 *
 * <p>Each entry is its length, a CRC-32C of its bytes, and the bytes ({@link JournalEntry}),
 * followed by a length of zero that ends the journal until the next entry overwrites it. A process
 * killed in the middle of a write leaves a torn last entry, which reading stops at: that commit's
 * reply was never handed over.
 *
 * <p>The file is written with zeros ahead of the entries ({@link #STEP} at a time), and emptying it
 * only starts again at its beginning. So an entry overwrites bytes the file has, and forcing it to
 * the disk need not record a new file size, which on ext4 saves a commit of the file system's own
 * journal per entry (an entry and its sync took 143–171 µs instead of 196–250 µs here; see
 * BENCHMARKS.md).
 *
 * <p>The process that writes a journal holds an exclusive lock on it for as long as it runs, so a
 * journal whose lock can be taken is an orphan: its process stopped without writing it off, and the
 * next to find it replays it.
 */
final class ReplyJournal implements AutoCloseable {
  private static final String INFIX = ".journal.";
  private static final int HEADER = Integer.BYTES * 2;

  /** The zeros written ahead of the entries at a time: about 400 entries. */
  static final int STEP = 256 << 10;

  /** An entry longer than this is taken for a torn length, not read. */
  private static final int MAX_ENTRY = 16 << 20;

  private final Path file;
  private final String id;
  private final FileChannel channel;
  private final FileLock lock;
  private long entries;

  /** Where the next entry goes. */
  private long end;

  /** How far the file has been written (with entries or zeros). */
  private long written;

  private ReplyJournal(Path file, String id, FileChannel channel, FileLock lock)
      throws IOException {
    this.file = file;
    this.id = id;
    this.channel = channel;
    this.lock = lock;
    this.written = channel.size();
  }

  /** A new, empty journal of this process beside the database {@code databasePath}. */
  static ReplyJournal create(Path databasePath) throws IOException {
    String id = UUID.randomUUID().toString();
    Path file = fileOf(databasePath, id);
    FileChannel channel =
        FileChannel.open(
            file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
    try {
      ReplyJournal journal = new ReplyJournal(file, id, channel, channel.lock());
      journal.growFor(Integer.BYTES); // zeros from the start: the journal reads as empty
      channel.force(true);
      syncDirectory(file.toAbsolutePath().getParent());
      return journal;
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /** So that the new file's name survives a power cut as well as its entries do. */
  private static void syncDirectory(Path dir) throws IOException {
    try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
      directory.force(true);
    }
  }

  /**
   * The journal in {@code file} if no running process holds it, locked for the caller; empty when
   * its process still runs (this one included).
   */
  static Optional<ReplyJournal> claimOrphan(Path file) throws IOException {
    FileChannel channel;
    try {
      channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
    } catch (java.nio.file.NoSuchFileException e) {
      return Optional.empty(); // written off meanwhile
    }
    try {
      FileLock lock = channel.tryLock();
      if (lock == null) {
        channel.close();
        return Optional.empty();
      }
      String name = file.getFileName().toString();
      String id = name.substring(name.lastIndexOf(INFIX) + INFIX.length());
      return Optional.of(new ReplyJournal(file, id, channel, lock));
    } catch (OverlappingFileLockException e) {
      channel.close();
      return Optional.empty(); // this process's own
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /** Every journal beside the database {@code databasePath}, whoever holds it. */
  static List<Path> files(Path databasePath) throws IOException {
    Path dir = databasePath.toAbsolutePath().getParent();
    List<Path> files = new ArrayList<>();
    String glob = databasePath.getFileName() + INFIX + "*";
    try (DirectoryStream<Path> found = Files.newDirectoryStream(dir, glob)) {
      found.forEach(files::add);
    }
    files.sort(null);
    return files;
  }

  static Path fileOf(Path databasePath, String id) {
    return databasePath.resolveSibling(databasePath.getFileName() + INFIX + id);
  }

  String id() {
    return id;
  }

  Path file() {
    return file;
  }

  /** Entries appended since the journal was created or last cleared. */
  long entries() {
    return entries;
  }

  /** Where the next entry goes: the bytes the entries since the last clearing take. */
  long end() {
    return end;
  }

  /** Writes {@code entry} after the others and forces it to the disk before returning. */
  void append(JournalEntry entry) throws IOException {
    byte[] bytes = entry.encode();
    CRC32C crc = new CRC32C();
    crc.update(bytes);
    ByteBuffer buffer = ByteBuffer.allocate(HEADER + bytes.length + Integer.BYTES);
    buffer.putInt(bytes.length).putInt((int) crc.getValue()).put(bytes).putInt(0).flip();
    growFor(buffer.remaining());
    write(buffer, end);
    channel.force(false);
    end += HEADER + bytes.length;
    entries++;
  }

  /** Writes zeros ahead, {@link #STEP} at a time, until {@code bytes} more fit after the end. */
  private void growFor(int bytes) throws IOException {
    while (end + bytes > written) {
      write(ByteBuffer.allocate(STEP), written);
      written += STEP;
    }
  }

  private void write(ByteBuffer buffer, long at) throws IOException {
    long position = at;
    while (buffer.hasRemaining()) {
      position += channel.write(buffer, position);
    }
  }

  /**
   * Forgets every entry, on the disk when this returns: the tables hold them all. The next entry
   * goes at the start; until then the journal reads as empty. Synced, because writing a journal off
   * forgets how far the tables hold it next, and a power cut in between must not leave its old
   * entries readable and all of them taken for new.
   */
  void clear() throws IOException {
    write(ByteBuffer.allocate(Integer.BYTES), 0);
    channel.force(false);
    end = 0;
    entries = 0;
  }

  /** What the journal holds, from its start up to its end or its first torn entry. */
  Contents read() throws IOException {
    channel.position(0);
    ByteBuffer all = ByteBuffer.allocate(Math.toIntExact(channel.size()));
    while (all.hasRemaining() && channel.read(all) >= 0) {
      // read the whole file
    }
    all.flip();
    List<JournalEntry> read = new ArrayList<>();
    while (all.remaining() >= HEADER) {
      int start = all.position();
      int length = all.getInt();
      int checksum = all.getInt();
      if (length == 0) {
        return new Contents(read, Optional.empty()); // the end
      }
      if (length < 0 || length > MAX_ENTRY || length > all.remaining()) {
        return new Contents(read, Optional.of(start));
      }
      byte[] bytes = new byte[length];
      all.get(bytes);
      CRC32C crc = new CRC32C();
      crc.update(bytes);
      if ((int) crc.getValue() != checksum) {
        return new Contents(read, Optional.of(start));
      }
      read.add(JournalEntry.decode(new DataInputStream(new ByteArrayInputStream(bytes))));
    }
    // A file that ends in the middle of a header: a torn entry, unless only zeros are left.
    int rest = all.position();
    while (all.hasRemaining()) {
      if (all.get() != 0) {
        return new Contents(read, Optional.of(rest));
      }
    }
    return new Contents(read, Optional.empty());
  }

  /**
   * The entries of a journal.
   *
   * @param entries the whole entries, in the order appended
   * @param tornAt where a torn or damaged last entry starts, which was not read
   */
  record Contents(List<JournalEntry> entries, Optional<Integer> tornAt) {}

  /** Releases the journal, keeping the file. */
  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }

  /** Deletes the file, then releases it: it says nothing any more. */
  void delete() throws IOException {
    try {
      Files.deleteIfExists(file);
    } finally {
      close();
    }
  }
}
