package io.afterhours.mail;

import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.event.MessageCountAdapter;
import jakarta.mail.event.MessageCountEvent;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches one folder with IMAP IDLE (RFC 2177) on a connection of its own, read-only, and calls
 * {@code onNewMail} as soon as the server announces new messages. IDLE is re-issued every {@link
 * #REISSUE} (servers drop it after 30 minutes). When the server has no IDLE, the watcher ends and
 * the poll sweep alone finds new mail; when the connection fails, it reconnects with backoff,
 * quietly: the daemon's passes report outages.
 */
public final class ImapIdleWatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ImapIdleWatcher.class);
  static final Duration REISSUE = Duration.ofMinutes(25);
  private static final Duration MAX_RETRY = Duration.ofMinutes(5);

  private final String mailbox;
  private final String folderName;
  private final ServerSettings settings;
  private final Runnable onNewMail;
  private final Duration reissue;
  private final AtomicBoolean stopped = new AtomicBoolean();
  private final ScheduledExecutorService timer;
  private final Thread thread;
  private volatile Store store;
  private volatile boolean watching;

  public ImapIdleWatcher(
      String mailbox, String folderName, ServerSettings settings, Runnable onNewMail) {
    this(mailbox, folderName, settings, onNewMail, REISSUE);
  }

  ImapIdleWatcher(
      String mailbox,
      String folderName,
      ServerSettings settings,
      Runnable onNewMail,
      Duration reissue) {
    this.mailbox = Objects.requireNonNull(mailbox, "mailbox");
    this.folderName = Objects.requireNonNull(folderName, "folderName");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.onNewMail = Objects.requireNonNull(onNewMail, "onNewMail");
    this.reissue = reissue;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> daemonThread(r, "afterhours-idle-timer-" + mailbox));
    this.thread = daemonThread(this::watch, "afterhours-idle-" + mailbox + "-" + folderName);
  }

  private static Thread daemonThread(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  public void start() {
    thread.start();
  }

  /** True while the folder is open and IDLE is being (re)issued. */
  public boolean watching() {
    return watching;
  }

  private void watch() {
    Duration retry = Duration.ofSeconds(5);
    while (!stopped.get()) {
      try {
        idleUntilClosed();
        retry = Duration.ofSeconds(5);
      } catch (IdleNotSupported e) {
        LOG.info(
            "mailbox={} folder={} the server has no IMAP IDLE; new mail is found by the poll sweep",
            mailbox,
            folderName);
        return;
      } catch (MessagingException | RuntimeException e) {
        if (stopped.get()) {
          return;
        }
        LOG.debug(
            "mailbox={} folder={} IDLE connection lost ({}); again in {}s",
            mailbox,
            folderName,
            e.getMessage(),
            retry.toSeconds());
        closeStore();
        if (!pause(retry)) {
          return;
        }
        retry = retry.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : retry.multipliedBy(2);
      }
    }
  }

  private void idleUntilClosed() throws MessagingException {
    Store connected = MailSessions.imap(mailbox, settings).getStore();
    connected.connect(
        settings.host(), settings.port(), settings.user(), settings.password().reveal());
    store = connected;
    IMAPFolder folder = (IMAPFolder) connected.getFolder(folderName);
    folder.open(Folder.READ_ONLY);
    if (!((org.eclipse.angus.mail.imap.IMAPStore) connected).hasCapability("IDLE")) {
      closeStore();
      throw new IdleNotSupported();
    }
    folder.addMessageCountListener(
        new MessageCountAdapter() {
          @Override
          public void messagesAdded(MessageCountEvent event) {
            LOG.debug("mailbox={} folder={} IDLE: new mail", mailbox, folderName);
            onNewMail.run();
          }
        });
    LOG.debug("mailbox={} folder={} IDLE started", mailbox, folderName);
    // A NOOP from another thread ends the current IDLE; the loop then issues a fresh one.
    ScheduledFuture<?> renew =
        timer.scheduleAtFixedRate(
            () -> noop(folder), reissue.toMillis(), reissue.toMillis(), TimeUnit.MILLISECONDS);
    try {
      watching = true;
      while (!stopped.get() && folder.isOpen()) {
        folder.idle(false);
      }
    } finally {
      watching = false;
      renew.cancel(false);
    }
  }

  private void noop(IMAPFolder folder) {
    try {
      folder.doCommand(
          protocol -> {
            protocol.simpleCommand("NOOP", null);
            return null;
          });
    } catch (MessagingException | RuntimeException e) {
      LOG.debug("mailbox={} IDLE renewal failed: {}", mailbox, e.getMessage());
    }
  }

  private boolean pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void closeStore() {
    Store current = store;
    store = null;
    if (current != null) {
      try {
        current.close();
      } catch (MessagingException | RuntimeException e) {
        LOG.debug("mailbox={} closing the IDLE connection: {}", mailbox, e.getMessage());
      }
    }
  }

  @Override
  public void close() {
    stopped.set(true);
    timer.shutdownNow();
    closeStore();
    thread.interrupt();
  }

  /** The server does not offer IDLE. */
  private static final class IdleNotSupported extends MessagingException {
    private static final long serialVersionUID = 1L;
  }
}
