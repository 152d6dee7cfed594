package io.afterhours.cli;

import io.afterhours.config.OfficeSettings;
import io.afterhours.config.Settings;
import io.afterhours.policy.Correspondents;
import io.afterhours.policy.ReplyAudience;
import io.afterhours.store.Store;
import io.afterhours.store.StoreException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Optional;

/**
 * The correspondents {@code preview} judges {@code reply.only-to = correspondents} with. It reads
 * no Sent folder (it touches no mail): it asks the store what the daemon has learned, when there is
 * a store; else only the {@code reply.correspondents} patterns count, and it says so on stderr.
 */
final class LearnedCorrespondents implements AutoCloseable {
  private final Optional<Store> store;

  private LearnedCorrespondents(Optional<Store> store) {
    this.store = store;
  }

  static LearnedCorrespondents open(
      Settings settings, OfficeSettings office, Clock clock, PrintWriter err) {
    if (office.reply().policy().onlyTo() != ReplyAudience.CORRESPONDENTS) {
      return new LearnedCorrespondents(Optional.empty());
    }
    if (!settings.store().mayExist()) {
      err.println(
          "preview: no store at "
              + settings.store().redactedUrl()
              + " yet, so only reply.correspondents patterns count as correspondents (the"
              + " daemon learns the others from the Sent folder)");
      err.flush();
      return new LearnedCorrespondents(Optional.empty());
    }
    try {
      return new LearnedCorrespondents(Optional.of(Store.open(settings.store(), clock)));
    } catch (StoreException e) {
      err.println(
          "preview: "
              + e.getMessage()
              + "; only reply.correspondents patterns count as correspondents");
      err.flush();
      return new LearnedCorrespondents(Optional.empty());
    }
  }

  Correspondents correspondents() {
    return store.<Correspondents>map(Store::correspondents).orElse(Correspondents.nobody());
  }

  @Override
  public void close() {
    store.ifPresent(Store::close);
  }
}
