package io.afterhours.cli;

import io.afterhours.config.Settings;
import io.afterhours.store.KeptAway;
import io.afterhours.store.Store;
import io.afterhours.store.StoreException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The away periods kept in the store, for the commands that only read ({@code schedule}, {@code
 * preview}): an embedded store that does not exist yet is not made for them, and a store that
 * cannot be reached leaves them out with a warning instead of failing the command.
 */
final class KeptPeriods {
  private KeptPeriods() {}

  /**
   * @param mailbox the periods of this mailbox and of every mailbox; when empty, only those of
   *     every mailbox
   */
  static List<KeptAway> read(
      Settings settings, Optional<String> mailbox, Clock clock, PrintWriter err) {
    if (!settings.store().mayExist()) {
      return List.of();
    }
    try (Store store = Store.open(settings.store(), clock)) {
      return mailbox.isPresent()
          ? store.awayPeriods().forMailbox(mailbox.get())
          : store.awayPeriods().all().stream().filter(k -> k.mailbox().isEmpty()).toList();
    } catch (StoreException e) {
      err.println("afterhours: the away periods kept in the store are left out: " + e.getMessage());
      err.flush();
      return List.of();
    }
  }
}
