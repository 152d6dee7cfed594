package io.afterhours.policy;

/**
 * Whom a mailbox's owner has written to, for {@code reply.only-to = correspondents} (a port; the
 * store implements it with what the daemon learns from the Sent folder).
 */
public interface Correspondents {

  /**
   * True when the owner of {@code mailbox} has written to {@code address}.
   *
   * @param address a bare address, lower-case
   */
  boolean knows(String mailbox, String address);

  /** Correspondents of whom nothing has been learned ({@code preview} without a store, tests). */
  static Correspondents nobody() {
    return (mailbox, address) -> false;
  }
}
