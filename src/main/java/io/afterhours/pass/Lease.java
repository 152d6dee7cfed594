package io.afterhours.pass;

import java.util.Objects;

/**
 * A mailbox's lease held by this process. {@link #held()} turns false, for good, when a renewal
 * finds the lease lost; a pass checks it before every message, and the store refuses to record a
 * pending reply under a lost lease.
 */
public final class Lease {
  private final String mailbox;
  private final String owner;
  private volatile boolean lost;

  /**
   * @param mailbox the configured mailbox name
   * @param owner this acquisition's token, recorded with every pending reply
   */
  public Lease(String mailbox, String owner) {
    this.mailbox = Objects.requireNonNull(mailbox, "mailbox");
    this.owner = Objects.requireNonNull(owner, "owner");
  }

  public String mailbox() {
    return mailbox;
  }

  public String owner() {
    return owner;
  }

  public boolean held() {
    return !lost;
  }

  public void markLost() {
    lost = true;
  }

  @Override
  public String toString() {
    return "lease of mailbox " + mailbox + " (" + owner + (lost ? ", lost" : "") + ")";
  }
}
