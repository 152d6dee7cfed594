package io.afterhours.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The housekeeping of an afterhours H2 store, every {@code every} on a thread of its own:
 *
 * <ul>
 *   <li>the ledger's journal is written down ({@link JournaledCommits#writeDown}): H2's pages are
 *       written and synced, and the journal emptied;
 *   <li>old chunks with few live pages are rewritten so that they can be dropped ({@link
 *       MVStore#compact}, under H2's own store lock, a bounded amount at a time, of chunks older
 *       than H2's retention time only). H2's background writer does some of that itself; this keeps
 *       H2's chunk list (its layout map, and the chunk objects on the heap) from growing with every
 *       commit for as long as the store is open, as it did while every commit was written at once
 *       (BENCHMARKS.md).
 * </ul>
 *
 * <p>Only the process that holds the file tidies it; one that reaches the store through the
 * holder's server ({@code AUTO_SERVER}) has nothing to do.
 */
final class H2Housekeeping implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(H2Housekeeping.class);

  /** Chunks are rewritten while less than this share (percent) of their bytes is live. */
  static final int TARGET_FILL_RATE = 80;

  /** At most this many live bytes are rewritten at a time, as H2 limits its own. */
  static final int WRITE_LIMIT = 1 << 20;

  private final DataSource dataSource;
  private final ScheduledExecutorService timer;
  private final Runnable writeDown;
  private boolean warned;

  private H2Housekeeping(
      DataSource dataSource, ScheduledExecutorService timer, Runnable writeDown) {
    this.dataSource = dataSource;
    this.timer = timer;
    this.writeDown = writeDown;
  }

  /** Starts tidying the H2 store behind {@code dataSource} every {@code every}. */
  static H2Housekeeping start(DataSource dataSource, Duration every) {
    return start(dataSource, every, () -> {});
  }

  /**
   * Starts tidying the H2 store behind {@code dataSource} every {@code every}, each round after
   * {@code writeDown}.
   */
  static H2Housekeeping start(DataSource dataSource, Duration every, Runnable writeDown) {
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "afterhours-h2-housekeeping");
              t.setDaemon(true);
              return t;
            });
    H2Housekeeping housekeeping = new H2Housekeeping(dataSource, timer, writeDown);
    long millis = every.toMillis();
    timer.scheduleWithFixedDelay(housekeeping::round, millis, millis, TimeUnit.MILLISECONDS);
    return housekeeping;
  }

  private void round() {
    writeDown.run();
    tidy();
  }

  /**
   * Rewrites the live pages of old, mostly dead chunks, once.
   *
   * @return whether any chunk was rewritten
   */
  boolean tidy() {
    try (Connection connection = dataSource.getConnection()) {
      if (!(connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal local)) {
        return false; // another process holds the file, and tidies it
      }
      MVStore store = local.getDatabase().getStore().getMvStore();
      return store.compact(TARGET_FILL_RATE, WRITE_LIMIT);
    } catch (SQLException | RuntimeException e) {
      // The store works without it; say so once, not every few seconds.
      if (!warned) {
        warned = true;
        LOG.warn(
            "cannot tidy the H2 store's old chunks (the store goes on working): {}", e.toString());
      }
      return false;
    }
  }

  /** Stops tidying; a round under way finishes first (it is bounded), so the store closes whole. */
  @Override
  public void close() {
    timer.shutdown();
    try {
      if (!timer.awaitTermination(10, TimeUnit.SECONDS)) {
        LOG.warn("the H2 store's tidying did not finish within 10 s; closing the store anyway");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
