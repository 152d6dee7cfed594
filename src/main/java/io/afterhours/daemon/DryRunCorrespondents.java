package io.afterhours.daemon;

import io.afterhours.pass.CorrespondentBook;
import io.afterhours.pass.FolderCursor;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a dry run learns from the Sent folders, kept in memory over what the store already knows: a
 * dry run records nothing, yet judges {@code only-to = correspondents} as the real daemon would.
 */
final class DryRunCorrespondents implements CorrespondentBook {
  private final CorrespondentBook store;
  private final Clock clock;
  private final Set<String> learned = ConcurrentHashMap.newKeySet();
  private final Map<String, FolderCursor> cursors = new ConcurrentHashMap<>();

  DryRunCorrespondents(CorrespondentBook store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  @Override
  public boolean knows(String mailbox, String address) {
    return learned.contains(key(mailbox, address)) || store.knows(mailbox, address);
  }

  @Override
  public Optional<FolderCursor> sentCursor(String mailbox, String folder) {
    FolderCursor cursor = cursors.get(key(mailbox, folder));
    return cursor != null ? Optional.of(cursor) : store.sentCursor(mailbox, folder);
  }

  @Override
  public void learn(
      String mailbox, String folder, long uidValidity, long lastUid, Map<String, Instant> written) {
    written.keySet().forEach(address -> learned.add(key(mailbox, address)));
    cursors.put(
        key(mailbox, folder), new FolderCursor(uidValidity, Math.max(0, lastUid), clock.instant()));
  }

  private static String key(String mailbox, String name) {
    return mailbox + "\n" + name;
  }
}
