package io.afterhours.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ledger's commits on an H2 file store, made durable by a {@link ReplyJournal} instead of by H2
 * writing its pages at every commit.
 *
 * <p>H2 rewrites whole pages of every table and index a commit touches, about 40 KB for a reply's
 * few hundred bytes (BENCHMARKS.md), which was most of a backlog's CPU. So the store opens H2 with
 * a write delay: H2 writes its pages in the background, twice a second, many commits at a time.
 * What must be durable before a reply is handed to SMTP (DESIGN §6) is made so here instead: each
 * ledger commit is followed by a {@link JournalEntry} appended to this process's journal and forced
 * to the disk. The same transaction stores the entry's number in {@code reply_journal}, so the
 * tables always say how far they hold the journal, also after a crash that lost H2's last pages.
 *
 * <ul>
 *   <li>Every so often ({@link #writeDown}) H2's pages are written and synced, and the journal is
 *       emptied.
 *   <li>A journal left by a process that stopped without writing it down (killed, or its machine
 *       lost power) is replayed by the next process to open the store, and before any mailbox lease
 *       is taken: the entries the tables lack are applied, in order, each once ({@link
 *       #replayOrphans}).
 *   <li>A process that reaches the store through the holder's server ({@code AUTO_SERVER}) keeps no
 *       journal: its commits are written by the holder, so it asks for them to be written at once
 *       ({@code CHECKPOINT}), as every commit used to be.
 * </ul>
 *
 * <p>The commits are one at a time in a process: an entry's number must follow the order in which
 * the tables took the commits.
 */
final class JournaledCommits implements LedgerCommits, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JournaledCommits.class);

  /** Applies one entry's changes on a transaction. */
  @FunctionalInterface
  interface Replay {
    void apply(Connection connection, JournalEntry entry) throws SQLException;
  }

  private final DataSource dataSource;
  private final Path databasePath;
  private final ReentrantLock lock = new ReentrantLock();

  // Guarded by lock.
  private ReplyJournal journal;
  private long seq;
  private boolean broken;

  JournaledCommits(DataSource dataSource, Path databasePath) {
    this.dataSource = dataSource;
    this.databasePath = databasePath;
  }

  @Override
  public <T> T commit(Transactions.Work<T> work, Function<T, Written> written) throws SQLException {
    lock.lock();
    try (Connection connection = dataSource.getConnection()) {
      if (broken || !holdsTheFile(connection)) {
        T result = Transactions.inTransaction(connection, work);
        Transactions.writeDown(connection);
        return result;
      }
      ReplyJournal into = journal();
      long entry = ++seq;
      T result =
          Transactions.inTransaction(
              connection,
              c -> {
                T r = work.on(c);
                markApplied(c, into.id(), entry);
                return r;
              });
      Written what = written.apply(result);
      try {
        into.append(new JournalEntry(entry, what.outcomes(), what.claimed()));
      } catch (IOException e) {
        giveUpJournal(connection, into, e);
      }
      return result;
    } finally {
      lock.unlock();
    }
  }

  /**
   * The journal could not take an entry, which may be torn in it now: the commit is written to the
   * tables at once instead, and so is every later one.
   */
  private void giveUpJournal(Connection connection, ReplyJournal into, IOException cause)
      throws SQLException {
    broken = true;
    LOG.error(
        "cannot write the reply journal {} ({}); the store writes every commit at once from now"
            + " on",
        into.file(),
        cause.toString());
    sync(connection);
    try {
      into.clear();
    } catch (IOException e) {
      // The tables hold every entry now, on the disk: a replay would find nothing to apply.
      LOG.warn("cannot empty the reply journal {}: {}", into.file(), e.toString());
    }
  }

  private ReplyJournal journal() {
    if (journal == null) {
      try {
        journal = ReplyJournal.create(databasePath);
      } catch (IOException e) {
        throw new StoreException(
            "Cannot create a reply journal beside " + databasePath + ": " + e.getMessage(), e);
      }
    }
    return journal;
  }

  /**
   * Writes H2's pages to the disk and syncs them, then empties the journal: the tables now hold
   * every entry by themselves.
   */
  void writeDown() {
    lock.lock();
    try (Connection connection = dataSource.getConnection()) {
      if (journal != null && journal.entries() > 0) {
        sync(connection);
        journal.clear();
      }
    } catch (SQLException | IOException e) {
      // The journal keeps every entry still; the next round tries again.
      LOG.warn("cannot write the store down and empty its reply journal: {}", e.toString());
    } finally {
      lock.unlock();
    }
  }

  /**
   * Replays every journal beside the store that no running process holds: applies, in order, the
   * entries the tables lack, writes them down, and deletes the journal.
   *
   * @return how many entries were applied
   * @throws StoreException when a journal cannot be read or applied; it is kept for the next try
   */
  int replayOrphans(Replay replay) {
    lock.lock();
    try {
      int applied = 0;
      for (Path file : ReplyJournal.files(databasePath)) {
        if (journal != null && file.equals(journal.file())) {
          continue;
        }
        Optional<ReplyJournal> orphan = ReplyJournal.claimOrphan(file);
        if (orphan.isPresent()) {
          applied += replay(orphan.get(), replay);
        }
      }
      return applied;
    } catch (IOException e) {
      throw new StoreException(
          "Cannot look for reply journals beside " + databasePath + ": " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  private int replay(ReplyJournal orphan, Replay replay) throws IOException {
    try (orphan) {
      ReplyJournal.Contents contents = orphan.read();
      int applied = 0;
      try (Connection connection = dataSource.getConnection()) {
        long held = applied(connection, orphan.id());
        for (JournalEntry entry : contents.entries()) {
          if (entry.seq() > held) {
            Transactions.inTransaction(
                connection,
                c -> {
                  replay.apply(c, entry);
                  markApplied(c, orphan.id(), entry.seq());
                  return null;
                });
            applied++;
          }
        }
        writeOff(connection, orphan);
      } catch (SQLException e) {
        throw new StoreException(
            "Cannot replay the reply journal "
                + orphan.file()
                + " into the store (it is kept, and replayed at the next start): "
                + e.getMessage(),
            e);
      }
      Files.deleteIfExists(orphan.file());
      LOG.info(
          "replayed the reply journal {} of a process that stopped without writing it down: {}"
              + " entr(ies) read, {} the store lacked{}",
          orphan.file(),
          contents.entries().size(),
          applied,
          contents
              .tornAt()
              .map(at -> "; a torn last entry at byte " + at + " was left out (never handed over)")
              .orElse(""));
      return applied;
    } catch (IOException e) {
      throw new StoreException(
          "Cannot read the reply journal "
              + orphan.file()
              + ": "
              + e.getMessage()
              + "; it is kept, and no mail is answered until it is replayed (an afterhours of"
              + " another version may have written it: start that one once)",
          e);
    }
  }

  /** Writes the journal down and deletes it: the store closes with everything in its tables. */
  @Override
  public void close() {
    lock.lock();
    try (Connection connection = dataSource.getConnection()) {
      if (journal != null) {
        writeOff(connection, journal);
        journal.delete();
        journal = null;
      }
    } catch (SQLException | IOException e) {
      LOG.warn(
          "cannot write down the reply journal {} at close; the next start replays it: {}",
          journal == null ? "(none)" : journal.file(),
          e.toString());
    } finally {
      lock.unlock();
    }
  }

  /**
   * The tables hold every entry of {@code written}, on the disk: empties it and forgets how far it
   * was applied. Emptied first, so that a crash in between leaves nothing to replay twice.
   */
  private static void writeOff(Connection connection, ReplyJournal written)
      throws SQLException, IOException {
    sync(connection);
    written.clear();
    try (PreparedStatement forget =
        connection.prepareStatement("DELETE FROM reply_journal WHERE journal = ?")) {
      forget.setString(1, written.id());
      forget.executeUpdate();
    }
  }

  private static boolean holdsTheFile(Connection connection) throws SQLException {
    return connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal;
  }

  private static void sync(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("CHECKPOINT SYNC");
    }
  }

  private static long applied(Connection connection, String journal) throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement("SELECT applied FROM reply_journal WHERE journal = ?")) {
      query.setString(1, journal);
      try (ResultSet row = query.executeQuery()) {
        return row.next() ? row.getLong(1) : 0;
      }
    }
  }

  private static void markApplied(Connection connection, String journal, long entry)
      throws SQLException {
    try (PreparedStatement merge =
        connection.prepareStatement(
            "MERGE INTO reply_journal (journal, applied) KEY (journal) VALUES (?, ?)")) {
      merge.setString(1, journal);
      merge.setLong(2, entry);
      merge.executeUpdate();
    }
  }
}
