package io.afterhours.mail;

import jakarta.mail.Session;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.angus.mail.imap.IdleManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the folders of many mailboxes with IMAP IDLE on a few threads, however many folders there
 * are (DESIGN §7): one Angus Mail {@link IdleManager} selects on every folder's connection; a small
 * pool of workers connects, re-issues IDLE and reports new mail; one timer thread runs the re-issue
 * and reconnect timers and the connections' write timeouts.
 *
 * <p>The IdleManager gets a pool of its own that grows as needed: it ends an IDLE (to re-issue it,
 * or to close the folder) on a thread from that pool while a worker waits for it, so sharing the
 * bounded workers could leave every worker waiting for a task queued behind them.
 */
public final class IdleWatchers implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(IdleWatchers.class);

  /** Servers may end an IDLE after 30 minutes (RFC 2177); it is re-issued well before. */
  static final Duration REISSUE = Duration.ofMinutes(25);

  /** Every thread of the watchers has a name beginning with this. */
  static final String THREAD_PREFIX = "afterhours-idle-";

  /** How often the shared IdleManager is checked to be still running. */
  static final Duration HEALTH_CHECK = Duration.ofMinutes(1);

  /**
   * Threads that connect the watches and re-issue IDLE. At a start all connect at once: 1,000
   * mailboxes on Dovecot were watched after 6.5–7.7 s with 4, 5.4–7.0 s with 8 and 6.3–6.8 s with
   * 16, when the server's logins set the pace. At rest they time out.
   */
  private static final int WORKERS = 8;

  private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

  private final Duration reissue;
  private final ExecutorService selecting;
  private final ThreadPoolExecutor workers;
  private final ScheduledThreadPoolExecutor timer;
  private volatile IdleManager manager;
  private final List<IdleWatch> watches = new CopyOnWriteArrayList<>();
  private volatile boolean closed;

  public IdleWatchers() {
    this(REISSUE, HEALTH_CHECK);
  }

  /**
   * @param reissue how often IDLE is ended and issued again; tests use a short one
   * @param healthCheck how often the IdleManager is checked to be still running
   */
  IdleWatchers(Duration reissue, Duration healthCheck) {
    this.reissue = reissue;
    selecting = Executors.newCachedThreadPool(daemonThreads("select"));
    workers =
        new ThreadPoolExecutor(
            WORKERS,
            WORKERS,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            daemonThreads("work"));
    workers.allowCoreThreadTimeOut(true);
    timer = new ScheduledThreadPoolExecutor(1, daemonThreads("timer"));
    timer.setRemoveOnCancelPolicy(true);
    try {
      manager = newManager();
    } catch (IOException e) {
      selecting.shutdownNow();
      workers.shutdownNow();
      timer.shutdownNow();
      throw new UncheckedIOException("cannot open a selector for IMAP IDLE", e);
    }
    timer.scheduleWithFixedDelay(
        this::replaceManagerIfStopped,
        healthCheck.toMillis(),
        healthCheck.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  private IdleManager newManager() throws IOException {
    // The session only configures the IdleManager's debug output.
    return new IdleManager(Session.getInstance(new Properties()), selecting);
  }

  /**
   * The IdleManager's select loop ends for good if its selector fails; every watch would then retry
   * in vain and only the poll sweep would find new mail. A stopped manager is replaced, and every
   * watch connects again through the new one.
   */
  private void replaceManagerIfStopped() {
    if (closed || manager.isRunning()) {
      return;
    }
    LOG.warn("the IMAP IDLE manager stopped unexpectedly; starting a new one");
    try {
      manager = newManager();
      watches.forEach(IdleWatch::reconnect);
    } catch (IOException | RuntimeException e) {
      // An exception would cancel this periodic check for good: log it and try again next time.
      LOG.warn("cannot start a new IMAP IDLE manager ({}); trying again later", e.toString());
    }
  }

  /** The current IdleManager, for tests that stop it to see it replaced. */
  IdleManager manager() {
    return manager;
  }

  private static ThreadFactory daemonThreads(String role) {
    AtomicInteger count = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, THREAD_PREFIX + role + "-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /**
   * Starts watching one folder on a connection of its own, read-only; {@code onNewMail} runs when
   * the server announces new messages.
   */
  public IdleWatch watch(
      String mailbox, String folder, ServerSettings settings, Runnable onNewMail) {
    if (closed) {
      throw new IllegalStateException("the IDLE watchers are closed");
    }
    IdleWatch watch =
        new IdleWatch(
            mailbox,
            folder,
            settings,
            onNewMail,
            () -> MailSessions.idle(mailbox, settings, timer),
            this::manager,
            timer,
            workers,
            reissue);
    watches.add(watch);
    watch.start();
    return watch;
  }

  /**
   * Closes every IDLE connection, then stops the IdleManager and the threads. Folders are closed
   * first: closing a folder ends its IDLE through the running IdleManager.
   */
  @Override
  public void close() {
    closed = true;
    CompletableFuture<?>[] closing =
        watches.stream().map(IdleWatch::closeAsync).toArray(CompletableFuture[]::new);
    try {
      CompletableFuture.allOf(closing).get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      LOG.debug("IDLE connections not all closed within {}s", CLOSE_WAIT.toSeconds());
    }
    manager.stop();
    timer.shutdownNow();
    workers.shutdownNow();
    // The IdleManager's own thread ends when it sees the stop; shutdown lets it finish that.
    selecting.shutdown();
  }
}
