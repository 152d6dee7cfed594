package io.afterhours.store;

import io.afterhours.pass.LeaseHolder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * This process as a lease holder: host, pid, start time and command.
 *
 * @param command what the process runs, e.g. {@code run} or {@code once}
 */
public record ProcessIdentity(String host, long pid, Instant processStart, String command) {
  public ProcessIdentity {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(processStart, "processStart");
    Objects.requireNonNull(command, "command");
  }

  /** The running process. */
  public static ProcessIdentity current(String command) {
    ProcessHandle self = ProcessHandle.current();
    return new ProcessIdentity(hostName(), self.pid(), startOf(self), command);
  }

  /**
   * True when the holder, a process of this host, is gone: no process has its pid, or the one that
   * has it started at another time (the pid was reused).
   */
  static boolean isDead(LeaseHolder holder) {
    Optional<ProcessHandle> process = ProcessHandle.of(holder.pid());
    return process.isEmpty()
        || !process.get().isAlive()
        || !startOf(process.get()).equals(holder.processStart());
  }

  private static Instant startOf(ProcessHandle process) {
    // Milliseconds, as the store keeps them.
    return process
        .info()
        .startInstant()
        .map(i -> Instant.ofEpochMilli(i.toEpochMilli()))
        .orElse(Instant.EPOCH);
  }

  /** The kernel's host name where Linux tells it without a DNS look-up, else Java's. */
  private static String hostName() {
    try {
      String name = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
      if (!name.isEmpty()) {
        return name;
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: ask Java
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
