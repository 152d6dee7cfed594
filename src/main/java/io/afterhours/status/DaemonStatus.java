package io.afterhours.status;

import io.afterhours.config.Settings;
import io.afterhours.daemon.MailboxStatus;
import io.afterhours.daemon.Mailboxes;
import io.afterhours.daemon.QuartzDaemon;
import io.afterhours.store.Store;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** The status page's view of the daemon that runs now (a reload starts another). */
public final class DaemonStatus implements StatusSource {
  private final Supplier<QuartzDaemon> daemon;
  private final Supplier<Settings> settings;
  private final Clock clock;

  public DaemonStatus(Supplier<QuartzDaemon> daemon, Supplier<Settings> settings, Clock clock) {
    this.daemon = daemon;
    this.settings = settings;
    this.clock = clock;
  }

  @Override
  public Settings settings() {
    return settings.get();
  }

  @Override
  public Store store() {
    return daemon.get().mailboxes().store();
  }

  @Override
  public Optional<Mailboxes.Office> office(String mailbox) {
    return daemon.get().mailboxes().office(mailbox);
  }

  @Override
  public Map<String, MailboxStatus> status() {
    return daemon.get().mailboxStatus();
  }

  @Override
  public void refreshAway(String mailbox) {
    daemon.get().mailboxes().refreshAway(mailbox);
  }

  @Override
  public Clock clock() {
    return clock;
  }
}
