package io.afterhours.pass;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One owner per mailbox (DESIGN §6): a lease per mailbox in the store, taken by every process that
 * passes over the mailbox, renewed while it is held and ending soon after its holder stops renewing
 * it. Implemented by the JDBC store.
 */
public interface Leases {

  /** What {@link #acquire} found. */
  sealed interface Outcome permits Acquired, Held {}

  /** The lease is now ours. */
  record Acquired(Lease lease) implements Outcome {}

  /** Another live process holds the lease. */
  record Held(LeaseHolder holder) implements Outcome {}

  /**
   * Takes the mailbox's lease when it is free, expired, or held by a process of this host that has
   * died; otherwise names the holder.
   */
  Outcome acquire(String mailbox);

  /**
   * Takes every lease that {@link #acquire} would take, at once: a daemon starting over a thousand
   * mailboxes takes their leases in one commit instead of a thousand.
   *
   * @return each mailbox's outcome, in the order given
   */
  default Map<String, Outcome> acquireAll(List<String> mailboxes) {
    Map<String, Outcome> outcomes = new LinkedHashMap<>();
    for (String mailbox : mailboxes) {
      outcomes.put(mailbox, acquire(mailbox));
    }
    return outcomes;
  }

  /**
   * Extends a lease we hold.
   *
   * @return false when the lease is no longer ours (it expired and another process took it)
   */
  boolean renew(Lease lease);

  /**
   * Extends every lease we hold at once: a daemon over a thousand mailboxes renews them all in one
   * commit instead of a thousand.
   *
   * @return the mailboxes whose lease is no longer ours
   */
  default Set<String> renewAll(List<Lease> leases) {
    Set<String> lost = new HashSet<>();
    for (Lease lease : leases) {
      if (!renew(lease)) {
        lost.add(lease.mailbox());
      }
    }
    return lost;
  }

  /** Gives the lease up, so that another process may take it at once. */
  void release(Lease lease);

  /** Who holds the mailbox's lease now, if anyone does. */
  Optional<LeaseHolder> holder(String mailbox);

  /**
   * How many leases whose name starts with {@code prefix} are held and not expired: the nodes of a
   * cluster each hold one named after themselves, so this counts the live nodes.
   */
  int countHeld(String prefix);
}
