package io.afterhours.daemon;

import io.afterhours.pass.Lease;
import io.afterhours.pass.LeaseHolder;
import io.afterhours.pass.Leases;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** The lease table in memory, on a clock the test moves: for the crash model of the pass. */
final class InMemoryLeases implements Leases {
  static final Duration TTL = Duration.ofSeconds(10);

  private final Map<String, LeaseHolder> table = new HashMap<>();
  private final AtomicInteger tokens = new AtomicInteger();
  private Instant now = Instant.parse("2026-11-28T14:00:00Z");

  /** Moves the lease clock on, e.g. past a dead holder's expiry. */
  synchronized void advance(Duration by) {
    now = now.plus(by);
  }

  /** True while {@code owner} holds the mailbox's unexpired lease: the store's fence. */
  synchronized boolean isHeldBy(String mailbox, String owner) {
    LeaseHolder holder = table.get(mailbox);
    return holder != null && holder.owner().equals(owner) && now.isBefore(holder.expires());
  }

  @Override
  public synchronized Outcome acquire(String mailbox) {
    LeaseHolder current = table.get(mailbox);
    if (current != null && now.isBefore(current.expires())) {
      return new Held(current);
    }
    String owner = "process-" + tokens.incrementAndGet();
    table.put(
        mailbox, new LeaseHolder(owner, "test", 1, Instant.EPOCH, "once", now, now.plus(TTL)));
    return new Acquired(new Lease(mailbox, owner));
  }

  @Override
  public synchronized boolean renew(Lease lease) {
    LeaseHolder current = table.get(lease.mailbox());
    if (current == null || !current.owner().equals(lease.owner())) {
      return false;
    }
    table.put(
        lease.mailbox(),
        new LeaseHolder(
            current.owner(),
            current.host(),
            current.pid(),
            current.processStart(),
            current.command(),
            current.since(),
            now.plus(TTL)));
    return true;
  }

  @Override
  public synchronized void release(Lease lease) {
    table.computeIfPresent(lease.mailbox(), (m, h) -> h.owner().equals(lease.owner()) ? null : h);
  }

  @Override
  public synchronized Optional<LeaseHolder> holder(String mailbox) {
    return Optional.ofNullable(table.get(mailbox));
  }

  @Override
  public synchronized int countHeld(String prefix) {
    return (int)
        table.entrySet().stream()
            .filter(e -> e.getKey().startsWith(prefix) && now.isBefore(e.getValue().expires()))
            .count();
  }
}
