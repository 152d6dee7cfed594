package io.afterhours.status;

import io.afterhours.config.Settings;
import io.afterhours.daemon.MailboxStatus;
import io.afterhours.daemon.Mailboxes;
import io.afterhours.store.Store;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * What the status page reads: the daemon's own settings, store, schedules and templates, and the
 * live state of its mailboxes. A reload of the config replaces them, so the page asks for each on
 * every request.
 */
public interface StatusSource {
  /** The settings in force. */
  Settings settings();

  /** The daemon's store. */
  Store store();

  /** A mailbox's schedule (with the away periods kept in the store) and templates. */
  Optional<Mailboxes.Office> office(String mailbox);

  /** Each mailbox's servers, by name. */
  Map<String, MailboxStatus> status();

  /** Reads the kept away periods of {@code mailbox} into its schedule now. */
  void refreshAway(String mailbox);

  Clock clock();
}
