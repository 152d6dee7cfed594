package io.afterhours.store;

import io.afterhours.pass.Lease;
import io.afterhours.pass.LeaseHolder;
import io.afterhours.pass.Leases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mailbox leases in table {@code mailbox_lease}, one row per mailbox (DESIGN §6).
 *
 * <p>A lease is taken in a transaction that locks its row ({@code SELECT … FOR UPDATE}): free, past
 * its expiry, or held by a process of this host that is no longer alive, it becomes ours under a
 * new token; otherwise its holder is named. A pending reply is recorded only after locking the same
 * row and finding our token there (see {@link JdbcReplyLog#recordPending}), so a process that takes
 * a lease over sees every pending reply of the one before.
 *
 * <p>Expiry is judged by each process's clock: the nodes of a cluster need synchronised clocks
 * (NTP), as they do for TLS and mail dates anyway; a skew shifts a takeover by as much.
 */
public final class JdbcLeases implements Leases {
  private static final Logger log = LoggerFactory.getLogger(JdbcLeases.class);

  private static final String SELECT =
      """
      SELECT owner, host, pid, process_start, command, acquired_at, expires_at
      FROM mailbox_lease WHERE mailbox = ?
      """;

  /** The most mailboxes named in one UPDATE of {@link #renewAll}. */
  static final int IN_LIST = 500;

  private final DataSource dataSource;
  private final Clock clock;
  private final ProcessIdentity self;
  private final Duration ttl;
  private final Predicate<LeaseHolder> deadOnThisHost;

  JdbcLeases(
      DataSource dataSource,
      Clock clock,
      ProcessIdentity self,
      Duration ttl,
      Predicate<LeaseHolder> deadOnThisHost) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.self = Objects.requireNonNull(self, "self");
    this.ttl = Objects.requireNonNull(ttl, "ttl");
    this.deadOnThisHost = Objects.requireNonNull(deadOnThisHost, "deadOnThisHost");
  }

  @Override
  public Outcome acquire(String mailbox) {
    try {
      return Transactions.inTransaction(dataSource, c -> acquire(c, mailbox));
    } catch (SQLException e) {
      if (SqlDialect.UNIQUE_VIOLATION.equals(e.getSQLState())) {
        // Another process inserted the first lease of this mailbox at the same moment.
        return holder(mailbox).<Outcome>map(Held::new).orElseGet(() -> acquire(mailbox));
      }
      throw new StoreException("Cannot take the lease of mailbox " + mailbox, e);
    }
  }

  private Outcome acquire(Connection connection, String mailbox) throws SQLException {
    Instant now = clock.instant();
    Optional<LeaseHolder> current = read(connection, mailbox, true);
    if (current.isPresent() && !isOver(current.get(), now)) {
      return new Held(current.get());
    }
    String owner = self.host() + "/" + self.pid() + "/" + UUID.randomUUID();
    String sql =
        current.isPresent()
            ? """
              UPDATE mailbox_lease SET owner = ?, host = ?, pid = ?, process_start = ?,
                     command = ?, acquired_at = ?, expires_at = ?
              WHERE mailbox = ?
              """
            : """
              INSERT INTO mailbox_lease (owner, host, pid, process_start, command, acquired_at,
                                         expires_at, mailbox)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?)
              """;
    try (PreparedStatement write = connection.prepareStatement(sql)) {
      write.setString(1, owner);
      write.setString(2, self.host());
      write.setLong(3, self.pid());
      write.setLong(4, self.processStart().toEpochMilli());
      write.setString(5, self.command());
      write.setLong(6, now.toEpochMilli());
      write.setLong(7, now.plus(ttl).toEpochMilli());
      write.setString(8, mailbox);
      write.executeUpdate();
    }
    current.ifPresent(
        previous ->
            log.info(
                "mailbox={} lease taken over from {}: {}",
                mailbox,
                previous.describe(),
                now.isBefore(previous.expires()) ? "that process has died" : "its lease expired"));
    return new Acquired(new Lease(mailbox, owner));
  }

  /** Past its expiry, or its holder was a process of this host that has died. */
  private boolean isOver(LeaseHolder holder, Instant now) {
    return !now.isBefore(holder.expires())
        || (holder.host().equals(self.host()) && deadOnThisHost.test(holder));
  }

  @Override
  public boolean renew(Lease lease) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE mailbox_lease SET expires_at = ? WHERE mailbox = ? AND owner = ?")) {
      update.setLong(1, clock.instant().plus(ttl).toEpochMilli());
      update.setString(2, lease.mailbox());
      update.setString(3, lease.owner());
      return update.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new StoreException("Cannot renew the lease of mailbox " + lease.mailbox(), e);
    }
  }

  /**
   * One transaction: an UPDATE per owner and {@value #IN_LIST} mailboxes, then one SELECT of what
   * each owner still holds.
   */
  @Override
  public Set<String> renewAll(List<Lease> leases) {
    if (leases.isEmpty()) {
      return Set.of();
    }
    Map<String, List<String>> byOwner = new LinkedHashMap<>();
    for (Lease lease : leases) {
      byOwner.computeIfAbsent(lease.owner(), o -> new ArrayList<>()).add(lease.mailbox());
    }
    long expires = clock.instant().plus(ttl).toEpochMilli();
    try {
      return Transactions.inTransaction(
          dataSource,
          connection -> {
            Set<String> lost = new HashSet<>();
            for (Map.Entry<String, List<String>> owner : byOwner.entrySet()) {
              List<String> mailboxes = owner.getValue();
              for (int from = 0; from < mailboxes.size(); from += IN_LIST) {
                List<String> some =
                    mailboxes.subList(from, Math.min(mailboxes.size(), from + IN_LIST));
                try (PreparedStatement update =
                    connection.prepareStatement(
                        "UPDATE mailbox_lease SET expires_at = ? WHERE owner = ? AND mailbox IN ("
                            + "?,".repeat(some.size() - 1)
                            + "?)")) {
                  update.setLong(1, expires);
                  update.setString(2, owner.getKey());
                  for (int i = 0; i < some.size(); i++) {
                    update.setString(3 + i, some.get(i));
                  }
                  update.executeUpdate();
                }
              }
              Set<String> held = new HashSet<>();
              try (PreparedStatement select =
                  connection.prepareStatement(
                      "SELECT mailbox FROM mailbox_lease WHERE owner = ?")) {
                select.setString(1, owner.getKey());
                try (ResultSet row = select.executeQuery()) {
                  while (row.next()) {
                    held.add(row.getString(1));
                  }
                }
              }
              mailboxes.stream().filter(m -> !held.contains(m)).forEach(lost::add);
            }
            return lost;
          });
    } catch (SQLException e) {
      throw new StoreException("Cannot renew the leases of " + leases.size() + " mailbox(es)", e);
    }
  }

  @Override
  public void release(Lease lease) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement delete =
            connection.prepareStatement(
                "DELETE FROM mailbox_lease WHERE mailbox = ? AND owner = ?")) {
      delete.setString(1, lease.mailbox());
      delete.setString(2, lease.owner());
      delete.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("Cannot give up the lease of mailbox " + lease.mailbox(), e);
    }
  }

  @Override
  public Optional<LeaseHolder> holder(String mailbox) {
    try (Connection connection = dataSource.getConnection()) {
      return read(connection, mailbox, false);
    } catch (SQLException e) {
      throw new StoreException("Cannot read the lease of mailbox " + mailbox, e);
    }
  }

  @Override
  public int countHeld(String prefix) {
    String sql =
        "SELECT COUNT(*) FROM mailbox_lease WHERE mailbox LIKE ? ESCAPE '!' AND expires_at > ?";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement count = connection.prepareStatement(sql)) {
      count.setString(1, prefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
      count.setLong(2, clock.millis());
      try (ResultSet row = count.executeQuery()) {
        row.next();
        return row.getInt(1);
      }
    } catch (SQLException e) {
      throw new StoreException("Cannot count the leases named " + prefix + "…", e);
    }
  }

  private static Optional<LeaseHolder> read(Connection connection, String mailbox, boolean lock)
      throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(lock ? SELECT + " FOR UPDATE" : SELECT)) {
      select.setString(1, mailbox);
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new LeaseHolder(
                row.getString("owner"),
                row.getString("host"),
                row.getLong("pid"),
                Instant.ofEpochMilli(row.getLong("process_start")),
                row.getString("command"),
                Instant.ofEpochMilli(row.getLong("acquired_at")),
                Instant.ofEpochMilli(row.getLong("expires_at"))));
      }
    }
  }
}
