package io.afterhours.pass;

import java.time.Instant;
import java.util.Objects;

/**
 * Who holds a mailbox's lease, as recorded in the store.
 *
 * @param owner the lease's token: one per acquisition, so a process that lost a lease and took it
 *     again holds a new one
 * @param host the holder's host name
 * @param pid the holder's process id
 * @param processStart when the holder's process started, to tell a live process from a dead one
 *     whose pid was reused
 * @param command what the holder runs, e.g. {@code run} or {@code once}
 * @param since when the holder took the lease
 * @param expires when the lease ends unless renewed
 */
public record LeaseHolder(
    String owner,
    String host,
    long pid,
    Instant processStart,
    String command,
    Instant since,
    Instant expires) {
  public LeaseHolder {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(processStart, "processStart");
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(expires, "expires");
  }

  /** For an operator: {@code afterhours run (pid 4242 on mail1, since 2026-11-29T15:02:11Z)}. */
  public String describe() {
    return "afterhours " + command + " (pid " + pid + " on " + host + ", since " + since + ")";
  }
}
