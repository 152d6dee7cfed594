package io.afterhours.mail;

import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.eclipse.angus.mail.imap.IdleManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One folder watched with IMAP IDLE (RFC 2177) through the shared {@link IdleManager}, on a
 * connection of its own, read-only. New messages run {@code onNewMail}. IDLE is re-issued every
 * re-issue period (servers drop it after 30 minutes). A server without IDLE ends the watch: the
 * poll sweep alone finds new mail. A lost connection is re-established with backoff (5 s doubling
 * to 5 minutes, each wait varied by up to 20% at random), quietly: the daemon's passes report
 * outages. Losing a watched connection runs {@code onNewMail} too (its pass says at once whether
 * the server is down), and so does watching again (its pass answers what arrived meanwhile).
 *
 * <p>Every step (connect, new mail, re-issue, reconnect, close) runs on the folder's own {@link
 * SerialExecutor} lane, so steps never overlap and the connection's fields need no lock.
 */
public final class IdleWatch {
  private static final Logger LOG = LoggerFactory.getLogger(IdleWatch.class);
  private static final Duration FIRST_RETRY = Duration.ofSeconds(5);
  private static final Duration MAX_RETRY = Duration.ofMinutes(5);

  private final String mailbox;
  private final String folderName;
  private final ServerSettings settings;
  private final Runnable onNewMail;
  private final Supplier<Session> sessions;
  private final Supplier<IdleManager> managers;
  private final ScheduledExecutorService timer;
  private final Executor lane;
  private final Duration reissue;

  // Used on the lane only.
  private Store store;
  private IMAPFolder folder;
  private ScheduledFuture<?> next;
  private Duration retry = FIRST_RETRY;

  private volatile boolean watching;

  /** The first connection attempt has ended, watching or not. */
  private volatile boolean attempted;

  /** The connection was lost while watching: a pass is asked for once it is back. */
  private boolean lostWhileWatching;

  private volatile boolean closed;
  private volatile int reissued;

  IdleWatch(
      String mailbox,
      String folderName,
      ServerSettings settings,
      Runnable onNewMail,
      Supplier<Session> sessions,
      Supplier<IdleManager> managers,
      ScheduledExecutorService timer,
      Executor workers,
      Duration reissue) {
    this.mailbox = mailbox;
    this.folderName = folderName;
    this.settings = settings;
    this.onNewMail = onNewMail;
    this.sessions = sessions;
    this.managers = managers;
    this.timer = timer;
    this.lane = new SerialExecutor(workers);
    this.reissue = reissue;
  }

  void start() {
    lane.execute(this::connect);
  }

  /** True while the folder is open and the IdleManager watches it. */
  public boolean watching() {
    return watching;
  }

  /**
   * True once the first attempt to watch has ended, whether the folder is now watched, the server
   * has no IDLE, or the connection failed (and is being retried).
   */
  public boolean attempted() {
    return attempted;
  }

  /** Drops the connection and makes it again at once, e.g. through a new IdleManager. */
  void reconnect() {
    lane.execute(
        () -> {
          if (closed) {
            return;
          }
          watching = false;
          cancelNext();
          disconnect();
          retry = FIRST_RETRY;
          connect();
        });
  }

  /** How often IDLE has been re-issued on this watch, for tests. */
  int reissued() {
    return reissued;
  }

  private void connect() {
    if (closed) {
      return;
    }
    try {
      watchOrRetry();
    } finally {
      attempted = true;
    }
  }

  private void watchOrRetry() {
    try {
      store = sessions.get().getStore();
      store.connect(
          settings.host(), settings.port(), settings.user(), settings.password().reveal());
      // Asked before the folder takes the store's connection: asked after, the store would open
      // a second connection just to answer.
      if (!((IMAPStore) store).hasCapability("IDLE")) {
        LOG.info(
            "mailbox={} folder={} the server has no IMAP IDLE; new mail is found by the poll sweep",
            mailbox,
            folderName);
        disconnect();
        return;
      }
      IMAPFolder opened = (IMAPFolder) store.getFolder(folderName);
      opened.open(Folder.READ_ONLY);
      NewMailDetector detector =
          new NewMailDetector(
              opened.getMessageCount(),
              () -> lane.execute(() -> newMail(opened)),
              () -> lane.execute(() -> closedUnderneath(opened)));
      opened.doCommand(
          protocol -> {
            protocol.addResponseHandler(detector);
            return null;
          });
      folder = opened;
      managers.get().watch(opened);
      watching = true;
      retry = FIRST_RETRY;
      scheduleReissue(opened);
      LOG.debug("mailbox={} folder={} IDLE started", mailbox, folderName);
      if (lostWhileWatching) {
        lostWhileWatching = false;
        askForPass("watched again: a pass catches the mail that arrived meanwhile");
      }
    } catch (MessagingException | RuntimeException e) {
      lost(
          ConnectionProblem.of(e, "IMAP", settings)
              .map(ConnectionProblem::toString)
              .orElse(e.getMessage()));
    }
  }

  private void askForPass(String why) {
    LOG.debug("mailbox={} folder={} IDLE connection {}", mailbox, folderName, why);
    try {
      onNewMail.run();
    } catch (RuntimeException e) {
      LOG.warn("mailbox={} folder={} cannot start a pass: {}", mailbox, folderName, e.toString());
    }
  }

  private void newMail(IMAPFolder opened) {
    if (closed || opened != folder) {
      return;
    }
    LOG.debug("mailbox={} folder={} IDLE: new mail", mailbox, folderName);
    try {
      onNewMail.run();
    } catch (RuntimeException e) {
      LOG.warn("mailbox={} folder={} cannot start a pass: {}", mailbox, folderName, e.toString());
    }
    rewatch(opened);
  }

  private void reissue(IMAPFolder opened) {
    if (closed || opened != folder) {
      return;
    }
    // isOpen() ends the IDLE and sends a NOOP, so a connection that died without a word (no FIN,
    // nothing for the IdleManager to see) is found here, within the read timeout.
    if (!opened.isOpen()) {
      lost("the connection is gone");
      return;
    }
    if (rewatch(opened)) {
      reissued++;
      scheduleReissue(opened);
      LOG.debug("mailbox={} folder={} IDLE re-issued", mailbox, folderName);
    }
  }

  private boolean rewatch(IMAPFolder opened) {
    try {
      managers.get().watch(opened);
      return true;
    } catch (MessagingException | RuntimeException e) {
      lost(e.getMessage());
      return false;
    }
  }

  private void scheduleReissue(IMAPFolder opened) {
    next =
        timer.schedule(
            () -> lane.execute(() -> reissue(opened)), reissue.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void closedUnderneath(IMAPFolder opened) {
    if (!closed && opened == folder) {
      lost("closed by the server");
    }
  }

  private void lost(String reason) {
    boolean was = watching;
    watching = false;
    cancelNext();
    disconnect();
    if (closed) {
      return;
    }
    if (was) {
      // A pass now tells whether the server is down (and says so at once, instead of at the next
      // sweep) or only this connection broke; a pass after the reconnection catches up.
      lostWhileWatching = true;
      askForPass("lost: a pass finds out whether the server is down");
    }
    // Jitter: after a server restart, hundreds of watches must not all come back in one second.
    long delay = jittered(retry, ThreadLocalRandom.current().nextDouble());
    LOG.debug(
        "mailbox={} folder={} IDLE connection lost ({}); again in {}ms",
        mailbox,
        folderName,
        reason,
        delay);
    next = timer.schedule(() -> lane.execute(this::connect), delay, TimeUnit.MILLISECONDS);
    Duration doubled = retry.multipliedBy(2);
    retry = doubled.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : doubled;
  }

  /** {@code retry} stretched or shrunk by up to 20%: {@code random} is in [0, 1). */
  static long jittered(Duration retry, double random) {
    return (long) (retry.toMillis() * (0.8 + 0.4 * random));
  }

  private void cancelNext() {
    if (next != null) {
      next.cancel(false);
      next = null;
    }
  }

  /** Closes the connection; its folder's IDLE is ended through the IdleManager first. */
  private void disconnect() {
    folder = null;
    Store current = store;
    store = null;
    if (current != null) {
      try {
        current.close();
      } catch (MessagingException | RuntimeException e) {
        LOG.debug(
            "mailbox={} folder={} closing the IDLE connection: {}",
            mailbox,
            folderName,
            e.getMessage());
      }
    }
  }

  /** Stops watching and closes the connection, waiting for that at most {@code wait}. */
  public void close(Duration wait) {
    try {
      closeAsync().get(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      LOG.debug("mailbox={} folder={} IDLE connection not closed in time", mailbox, folderName);
    }
  }

  /** Stops watching; the returned future completes once the connection is closed. */
  CompletableFuture<Void> closeAsync() {
    closed = true;
    watching = false;
    CompletableFuture<Void> done = new CompletableFuture<>();
    lane.execute(
        () -> {
          cancelNext();
          disconnect();
          done.complete(null);
        });
    return done;
  }
}
