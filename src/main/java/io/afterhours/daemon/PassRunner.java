package io.afterhours.daemon;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the passes of many mailboxes on a few threads, one pass at a time per mailbox, as soon as a
 * thread is free. A request for a mailbox whose pass is running (IDLE announced new mail during the
 * pass, or the poll sweep came round) is not lost and not queued twice: the pass runs again the
 * moment it ends. Nothing is ever dropped as "misfired", however long the sweeps take.
 */
final class PassRunner implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PassRunner.class);

  /** Where a mailbox is: no pass, a pass queued or running, or running with another asked for. */
  private enum State {
    IDLE,
    QUEUED,
    RUNNING,
    RUNNING_AGAIN
  }

  /** More passes than this waiting for a thread is a backlog worth a line in the log. */
  private static final int BACKLOG = 100;

  private final ExecutorService threads;
  private final int threadCount;
  private final Consumer<String> pass;
  private final Map<String, State> states = new ConcurrentHashMap<>();
  private final AtomicInteger queued = new AtomicInteger();
  private volatile boolean warnedOfBacklog;

  /** {@link #requestAll} is asking: the queue may run empty before it is done. */
  private volatile boolean askingAll;

  /**
   * @param threads how many passes may run at once
   * @param pass runs one pass over the named mailbox; must not throw
   */
  PassRunner(int threads, Consumer<String> pass) {
    this.threadCount = threads;
    AtomicInteger count = new AtomicInteger();
    this.threads =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "afterhours-pass-" + count.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.pass = pass;
  }

  /** Asks for a pass over {@code mailbox}: now if a thread is free, else as soon as one is. */
  void request(String mailbox) {
    boolean[] submit = {false};
    states.compute(
        mailbox,
        (m, s) -> {
          if (s == null || s == State.IDLE) {
            submit[0] = true;
            return State.QUEUED;
          }
          // Queued: the coming pass will see the new mail. Running: run again when it ends.
          return s == State.RUNNING ? State.RUNNING_AGAIN : s;
        });
    if (submit[0]) {
      submit(mailbox);
    }
  }

  /**
   * Asks for a pass over each of these mailboxes, knowingly more than the threads can run at once:
   * the first passes of a daemon's start. Says so once, instead of warning that the sweeps fall
   * behind, and still says when every waiting pass has run.
   */
  void requestAll(List<String> mailboxes) {
    boolean many = mailboxes.size() > BACKLOG;
    if (many) {
      askingAll = true;
      warnedOfBacklog = true;
      LOG.info(
          "{} mailbox passes asked for at once; they run {} at a time",
          mailboxes.size(),
          threadCount);
    }
    try {
      mailboxes.forEach(this::request);
    } finally {
      if (many) {
        askingAll = false;
        reportWhenDrained();
      }
    }
  }

  /** Says once that the passes that waited have all run, if they have (none is queued). */
  private synchronized void reportWhenDrained() {
    if (!askingAll && warnedOfBacklog && queued.get() == 0) {
      warnedOfBacklog = false;
      LOG.info("every mailbox pass that was waiting has run");
    }
  }

  private void submit(String mailbox) {
    int waiting = queued.incrementAndGet();
    if (waiting > BACKLOG && !warnedOfBacklog) {
      warnedOfBacklog = true;
      LOG.warn(
          "{} mailbox passes are waiting for a free thread: the sweeps fall behind; they run as"
              + " soon as a thread is free",
          waiting);
    }
    try {
      threads.execute(() -> run(mailbox));
    } catch (java.util.concurrent.RejectedExecutionException e) {
      states.put(mailbox, State.IDLE); // shutting down
    }
  }

  private void run(String mailbox) {
    if (queued.decrementAndGet() == 0) {
      reportWhenDrained();
    }
    states.put(mailbox, State.RUNNING);
    while (true) {
      try {
        pass.accept(mailbox);
      } catch (RuntimeException e) {
        LOG.error("mailbox={} pass ended unexpectedly: {}", mailbox, e.toString());
      }
      boolean[] again = {false};
      states.compute(
          mailbox,
          (m, s) -> {
            if (s == State.RUNNING_AGAIN && !threads.isShutdown()) {
              again[0] = true;
              return State.RUNNING;
            }
            return State.IDLE;
          });
      if (!again[0]) {
        return;
      }
    }
  }

  /**
   * Runs {@code action} now, on the caller's thread, if no pass of {@code mailbox} is queued or
   * running, and keeps passes out while it runs; a pass asked for meanwhile runs right after.
   *
   * @return false when a pass was queued or running, and {@code action} did not run
   */
  boolean runIfIdle(String mailbox, Runnable action) {
    boolean[] taken = {false};
    states.compute(
        mailbox,
        (m, s) -> {
          if (s == null || s == State.IDLE) {
            taken[0] = true;
            return State.RUNNING;
          }
          return s;
        });
    if (!taken[0]) {
      return false;
    }
    try {
      action.run();
    } finally {
      boolean[] again = {false};
      states.compute(
          mailbox,
          (m, s) -> {
            if (s == State.RUNNING_AGAIN) {
              again[0] = true;
              return State.QUEUED;
            }
            return State.IDLE;
          });
      if (again[0]) {
        submit(mailbox);
      }
    }
    return true;
  }

  /**
   * Lets the passes in hand finish (their workers are asked to stop first) and ends the threads.
   */
  @Override
  public void close() {
    threads.shutdown();
    try {
      if (!threads.awaitTermination(Duration.ofMinutes(1).toSeconds(), TimeUnit.SECONDS)) {
        LOG.warn("passes still running after a minute; leaving them");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
