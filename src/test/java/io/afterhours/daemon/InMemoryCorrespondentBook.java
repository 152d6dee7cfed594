package io.afterhours.daemon;

import io.afterhours.pass.CorrespondentBook;
import io.afterhours.pass.FolderCursor;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The store's correspondents in memory: each address with when the owner first and last wrote. */
final class InMemoryCorrespondentBook implements CorrespondentBook {
  /** When the owner first and last wrote to an address. */
  record Seen(Instant first, Instant last) {}

  private final Map<String, Map<String, Seen>> byMailbox = new HashMap<>();
  private final Map<String, FolderCursor> cursors = new HashMap<>();
  private int commits;

  @Override
  public synchronized boolean knows(String mailbox, String address) {
    return byMailbox.getOrDefault(mailbox, Map.of()).containsKey(address);
  }

  @Override
  public synchronized Optional<FolderCursor> sentCursor(String mailbox, String folder) {
    return Optional.ofNullable(cursors.get(mailbox + "/" + folder));
  }

  @Override
  public synchronized void learn(
      String mailbox, String folder, long uidValidity, long lastUid, Map<String, Instant> written) {
    Map<String, Seen> known = byMailbox.computeIfAbsent(mailbox, m -> new TreeMap<>());
    written.forEach(
        (address, at) ->
            known.merge(
                address,
                new Seen(at, at),
                (a, b) ->
                    new Seen(
                        a.first().isBefore(b.first()) ? a.first() : b.first(),
                        a.last().isAfter(b.last()) ? a.last() : b.last())));
    cursors.put(mailbox + "/" + folder, new FolderCursor(uidValidity, lastUid, Instant.EPOCH));
    commits++;
  }

  synchronized Map<String, Seen> of(String mailbox) {
    return Map.copyOf(byMailbox.getOrDefault(mailbox, Map.of()));
  }

  /** How many times {@link #learn} committed. */
  synchronized int commits() {
    return commits;
  }
}
