package io.afterhours.daemon;

import io.afterhours.pass.Lease;
import io.afterhours.pass.LeaseHolder;
import io.afterhours.pass.Leases;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds this process's mailbox leases (DESIGN §6): renews them every {@link #RENEW_EVERY}, notices
 * when one is lost, and, for a daemon, takes the mailboxes it should have: all of them on a single
 * node, its fair share in a cluster (the number of mailboxes over the number of live nodes, rounded
 * up; every node holds a lease named after itself, so the nodes can be counted). A node above its
 * share gives mailboxes back, one per round, between passes; a survivor takes a dead node's
 * mailboxes once their leases expire, within {@link #TTL} plus a round.
 *
 * <p>A lease is only given back between passes: each mailbox has a pass lock, held by its pass, so
 * that no reply can be in flight when another process takes the mailbox over.
 */
final class LeaseKeeper implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LeaseKeeper.class);

  static final Duration TTL = Duration.ofSeconds(10);
  static final Duration RENEW_EVERY = Duration.ofSeconds(2);
  static final String NODE_PREFIX = "@node/";

  /** Told when this process gains or loses a mailbox's lease. */
  interface Listener {
    void acquired(String mailbox);

    void lost(String mailbox);
  }

  private record Held(Lease lease, long validUntilNanos) {}

  private final Leases leases;
  private final Map<String, Held> held = new ConcurrentHashMap<>();
  private final Map<String, Lock> passLocks = new ConcurrentHashMap<>();
  private final Map<String, String> reportedHolders = new ConcurrentHashMap<>();
  private final ScheduledExecutorService timer;
  private volatile List<String> wanted = List.of();
  private volatile boolean cluster;
  private volatile Listener listener =
      new Listener() {
        @Override
        public void acquired(String mailbox) {}

        @Override
        public void lost(String mailbox) {}
      };
  private final boolean rounds;
  private Lease node;

  LeaseKeeper(Leases leases) {
    this(leases, true);
  }

  /**
   * @param rounds run a round every {@link #RENEW_EVERY}; tests that call {@link #round} by hand
   *     turn it off
   */
  LeaseKeeper(Leases leases, boolean rounds) {
    this.leases = leases;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "afterhours-leases");
              t.setDaemon(true);
              return t;
            });
    this.rounds = rounds;
    if (rounds) {
      long every = RENEW_EVERY.toMillis();
      timer.scheduleWithFixedDelay(this::round, every, every, TimeUnit.MILLISECONDS);
    }
  }

  /** The lock a pass over {@code mailbox} holds, so that its lease is never given up mid-pass. */
  Lock passLock(String mailbox) {
    return passLocks.computeIfAbsent(mailbox, m -> new ReentrantLock());
  }

  /**
   * Takes the lease, waiting up to {@code patience} for a holder that has stopped renewing it (a
   * process that died on another host, or one that is just exiting). A holder seen renewing it is
   * alive: then the wait ends at once and the holder is returned.
   */
  Leases.Outcome await(String mailbox, Duration patience) throws InterruptedException {
    long deadline = System.nanoTime() + patience.toNanos();
    LeaseHolder first = null;
    while (true) {
      Leases.Outcome outcome = acquire(mailbox);
      if (outcome instanceof Leases.Acquired || System.nanoTime() >= deadline) {
        return outcome;
      }
      LeaseHolder holder = ((Leases.Held) outcome).holder();
      if (first == null) {
        first = holder;
        LOG.info(
            "mailbox={} is held by {}; waiting up to {}s to see whether it is still alive",
            mailbox,
            holder.describe(),
            patience.toSeconds());
      } else if (!holder.owner().equals(first.owner())
          || holder.expires().isAfter(first.expires())) {
        return outcome; // renewed, or taken by another: a live process has it
      }
      Thread.sleep(Math.min(500, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
    }
  }

  /**
   * Takes the leases of all these mailboxes in one call to the store (one commit at the start of a
   * daemon over a thousand mailboxes); one that another process holds is then awaited as {@link
   * #await} does, and stops the taking if it stays held.
   *
   * @return the first mailbox whose lease a live process holds, with its holder; empty when every
   *     lease is ours
   */
  Optional<Map.Entry<String, Leases.Held>> awaitAll(List<String> mailboxes, Duration patience)
      throws InterruptedException {
    Map<String, Leases.Outcome> outcomes = leases.acquireAll(mailboxes);
    outcomes.forEach(this::taken);
    for (Map.Entry<String, Leases.Outcome> entry : outcomes.entrySet()) {
      if (entry.getValue() instanceof Leases.Held
          && await(entry.getKey(), patience) instanceof Leases.Held held) {
        return Optional.of(Map.entry(entry.getKey(), held));
      }
    }
    return Optional.empty();
  }

  /** The lease of {@code mailbox}, while this process holds it. */
  Optional<Lease> lease(String mailbox) {
    Held h = held.get(mailbox);
    return h == null || !h.lease().held() ? Optional.empty() : Optional.of(h.lease());
  }

  /**
   * From now on, keeps taking the leases of these mailboxes whenever they are free: all of them, or
   * (in a cluster) this node's fair share.
   */
  void keep(List<String> mailboxes, boolean cluster, Listener listener) {
    this.listener = listener;
    this.cluster = cluster;
    if (cluster && node == null) {
      Leases.Outcome outcome = leases.acquire(NODE_PREFIX + UUID.randomUUID());
      if (outcome instanceof Leases.Acquired acquired) {
        node = acquired.lease();
      }
    }
    this.wanted = List.copyOf(mailboxes);
    if (rounds) {
      timer.execute(this::round);
    }
  }

  /** Gives a lease back (after a pass of {@code once}, at a daemon's stop). */
  void release(String mailbox) {
    Held h = held.remove(mailbox);
    if (h != null) {
      try {
        leases.release(h.lease());
      } catch (RuntimeException e) {
        LOG.warn(
            "mailbox={} lease not given back (it expires by itself): {}", mailbox, e.getMessage());
      }
    }
  }

  private Leases.Outcome acquire(String mailbox) {
    Leases.Outcome outcome = leases.acquire(mailbox);
    taken(mailbox, outcome);
    return outcome;
  }

  private void taken(String mailbox, Leases.Outcome outcome) {
    if (outcome instanceof Leases.Acquired acquired) {
      held.put(mailbox, new Held(acquired.lease(), System.nanoTime() + margin()));
      reportedHolders.remove(mailbox);
      LOG.debug("mailbox={} lease taken ({})", mailbox, acquired.lease().owner());
    }
  }

  /** One round: renew what is held, then take (or give back) mailboxes as wanted. */
  void round() {
    try {
      renewAll();
      if (!wanted.isEmpty()) {
        balance();
      }
    } catch (RuntimeException e) {
      LOG.warn("mailbox leases: {}", e.getMessage());
    }
  }

  /** Renews every lease held, in one call to the store (one commit, however many mailboxes). */
  private void renewAll() {
    if (node != null) {
      renewQuietly(node);
    }
    List<Held> all = new ArrayList<>(held.values());
    if (all.isEmpty()) {
      return;
    }
    Set<String> lost;
    try {
      lost = leases.renewAll(all.stream().map(Held::lease).toList());
    } catch (RuntimeException e) {
      LOG.warn(
          "leases of {} mailbox(es) not renewed, trying again: {}", all.size(), e.getMessage());
      long now = System.nanoTime();
      all.stream().filter(h -> now >= h.validUntilNanos()).forEach(h -> lose(h.lease()));
      return;
    }
    long until = System.nanoTime() + margin();
    for (Held h : all) {
      String mailbox = h.lease().mailbox();
      if (lost.contains(mailbox)) {
        lose(h.lease());
      } else {
        // only if still held: a lease given back meanwhile stays given back
        held.computeIfPresent(mailbox, (m, before) -> new Held(before.lease(), until));
      }
    }
  }

  private void lose(Lease lease) {
    lease.markLost();
    held.remove(lease.mailbox());
    LOG.warn(
        "mailbox={} lease lost: it expired before it could be renewed{}; this process stops"
            + " passing over the mailbox",
        lease.mailbox(),
        leases.holder(lease.mailbox()).map(h -> " and is now held by " + h.describe()).orElse(""));
    listener.lost(lease.mailbox());
  }

  private void balance() {
    int share = wanted.size();
    if (cluster) {
      int nodes = Math.max(1, leases.countHeld(NODE_PREFIX));
      share = (wanted.size() + nodes - 1) / nodes;
    }
    for (String mailbox : wanted) {
      if (held.size() >= share) {
        break;
      }
      if (!held.containsKey(mailbox)) {
        Leases.Outcome outcome = acquire(mailbox);
        if (outcome instanceof Leases.Acquired) {
          listener.acquired(mailbox);
        } else {
          reportHolder(mailbox, ((Leases.Held) outcome).holder());
        }
      }
    }
    if (held.size() > share) {
      giveBackOne();
    }
  }

  /** A node above its share gives one mailbox back, if it is between passes. */
  private void giveBackOne() {
    for (String mailbox : held.keySet()) {
      Lock lock = passLock(mailbox);
      if (lock.tryLock()) {
        try {
          listener.lost(mailbox);
          release(mailbox);
          LOG.info("mailbox={} given back, for another node to take (fair share)", mailbox);
          return;
        } finally {
          lock.unlock();
        }
      }
    }
  }

  /** Outside a cluster, a mailbox someone else holds is reported once per holder. */
  private void reportHolder(String mailbox, LeaseHolder holder) {
    if (!cluster && !holder.owner().equals(reportedHolders.put(mailbox, holder.owner()))) {
      LOG.error(
          "mailbox={} is held by {}: another process passes over it; this one waits for it",
          mailbox,
          holder.describe());
    }
  }

  private void renewQuietly(Lease lease) {
    try {
      if (!leases.renew(lease)) {
        leases.acquire(lease.mailbox());
      }
    } catch (RuntimeException e) {
      LOG.debug("node lease not renewed: {}", e.getMessage());
    }
  }

  /** A lease is taken as ours until a little before it expires, renewed or not. */
  private static long margin() {
    return TTL.minus(RENEW_EVERY).toNanos();
  }

  /** Stops renewing and gives every lease back. */
  @Override
  public void close() {
    // No interrupt: a thread interrupted in the middle of H2's file I/O closes the database under
    // every other user (and then no lease could be given back). A round in progress ends first.
    timer.shutdown();
    try {
      timer.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    wanted = List.of();
    for (String mailbox : new ArrayList<>(held.keySet())) {
      release(mailbox);
    }
    if (node != null) {
      try {
        leases.release(node);
      } catch (RuntimeException e) {
        LOG.debug("node lease not given back: {}", e.getMessage());
      }
    }
  }
}
