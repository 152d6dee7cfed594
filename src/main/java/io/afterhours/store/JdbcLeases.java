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
import java.util.HashMap;
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

  /** The most mailboxes named in one SELECT of {@link #acquireAll}. */
  static final int IN_LIST = 500;

  private final DataSource dataSource;
  private final Clock clock;
  private final ProcessIdentity self;
  private final Duration ttl;
  private final Predicate<LeaseHolder> deadOnThisHost;
  private final Runnable beforeAcquiring;

  JdbcLeases(
      DataSource dataSource,
      Clock clock,
      ProcessIdentity self,
      Duration ttl,
      Predicate<LeaseHolder> deadOnThisHost) {
    this(dataSource, clock, self, ttl, deadOnThisHost, () -> {});
  }

  /**
   * @param beforeAcquiring runs before leases are taken: the store replays what a process that held
   *     them may have left in its journal (see {@link JournaledCommits})
   */
  JdbcLeases(
      DataSource dataSource,
      Clock clock,
      ProcessIdentity self,
      Duration ttl,
      Predicate<LeaseHolder> deadOnThisHost,
      Runnable beforeAcquiring) {
    this.beforeAcquiring = Objects.requireNonNull(beforeAcquiring, "beforeAcquiring");
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.self = Objects.requireNonNull(self, "self");
    this.ttl = Objects.requireNonNull(ttl, "ttl");
    this.deadOnThisHost = Objects.requireNonNull(deadOnThisHost, "deadOnThisHost");
  }

  @Override
  public Outcome acquire(String mailbox) {
    beforeAcquiring.run();
    try {
      List<String> takenOver = new ArrayList<>();
      Outcome outcome = Transactions.inTransaction(dataSource, c -> acquire(c, mailbox, takenOver));
      takenOver.forEach(log::info);
      return outcome;
    } catch (SQLException e) {
      if (SqlDialect.isUniqueViolation(e)) {
        // Another process inserted the first lease of this mailbox at the same moment.
        return holder(mailbox).<Outcome>map(Held::new).orElseGet(() -> acquire(mailbox));
      }
      throw new StoreException("Cannot take the lease of mailbox " + mailbox, e);
    }
  }

  private Outcome acquire(Connection connection, String mailbox, List<String> takenOver)
      throws SQLException {
    Optional<LeaseHolder> current = read(connection, mailbox, true);
    return acquireAll(
            connection,
            List.of(mailbox),
            current.map(h -> Map.of(mailbox, h)).orElse(Map.of()),
            takenOver)
        .get(mailbox);
  }

  /**
   * One transaction: the rows of {@value #IN_LIST} mailboxes at a time locked and read, then the
   * free ones taken in one batch of UPDATEs and one of INSERTs. When another process inserts the
   * first lease of one of them at the same moment, they are taken one at a time instead.
   */
  @Override
  public Map<String, Outcome> acquireAll(List<String> mailboxes) {
    if (mailboxes.isEmpty()) {
      return Map.of();
    }
    beforeAcquiring.run();
    List<String> takenOver = new ArrayList<>();
    try {
      Map<String, Outcome> outcomes =
          Transactions.inTransaction(
              dataSource,
              connection -> {
                Map<String, LeaseHolder> current = new HashMap<>();
                for (int from = 0; from < mailboxes.size(); from += IN_LIST) {
                  current.putAll(
                      readAll(
                          connection,
                          mailboxes.subList(from, Math.min(mailboxes.size(), from + IN_LIST))));
                }
                return acquireAll(connection, mailboxes, current, takenOver);
              });
      takenOver.forEach(log::info);
      return outcomes;
    } catch (SQLException e) {
      if (SqlDialect.isUniqueViolation(e)) {
        return Leases.super.acquireAll(mailboxes);
      }
      throw new StoreException("Cannot take the leases of " + mailboxes.size() + " mailbox(es)", e);
    }
  }

  /**
   * Takes each mailbox whose lease in {@code current} (rows locked) is absent or over; says in
   * {@code takenOver} whose it was, for the log once the transaction is committed (a transaction
   * tried again must not log a takeover twice).
   */
  private Map<String, Outcome> acquireAll(
      Connection connection,
      List<String> mailboxes,
      Map<String, LeaseHolder> current,
      List<String> takenOver)
      throws SQLException {
    Instant now = clock.instant();
    Map<String, Outcome> outcomes = new LinkedHashMap<>();
    try (PreparedStatement update =
            connection.prepareStatement(
                """
                UPDATE mailbox_lease SET owner = ?, host = ?, pid = ?, process_start = ?,
                       command = ?, acquired_at = ?, expires_at = ?
                WHERE mailbox = ?
                """);
        PreparedStatement insert =
            connection.prepareStatement(
                """
                INSERT INTO mailbox_lease (owner, host, pid, process_start, command, acquired_at,
                                           expires_at, mailbox)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)) {
      boolean updates = false;
      boolean inserts = false;
      for (String mailbox : mailboxes) {
        LeaseHolder holder = current.get(mailbox);
        if (holder != null && !isOver(holder, now)) {
          outcomes.put(mailbox, new Held(holder));
          continue;
        }
        String owner = self.host() + "/" + self.pid() + "/" + UUID.randomUUID();
        PreparedStatement write = holder != null ? update : insert;
        write.setString(1, owner);
        write.setString(2, self.host());
        write.setLong(3, self.pid());
        write.setLong(4, self.processStart().toEpochMilli());
        write.setString(5, self.command());
        write.setLong(6, now.toEpochMilli());
        write.setLong(7, now.plus(ttl).toEpochMilli());
        write.setString(8, mailbox);
        write.addBatch();
        updates |= holder != null;
        inserts |= holder == null;
        outcomes.put(mailbox, new Acquired(new Lease(mailbox, owner)));
        if (holder != null) {
          takenOver.add(
              "mailbox=%s lease taken over from %s: %s"
                  .formatted(
                      mailbox,
                      holder.describe(),
                      now.isBefore(holder.expires())
                          ? "that process has died"
                          : "its lease expired"));
        }
      }
      if (updates) {
        update.executeBatch();
      }
      if (inserts) {
        insert.executeBatch();
      }
    }
    return outcomes;
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

  /** One transaction, one batch of UPDATEs: a lease not renewed by its own is no longer ours. */
  @Override
  public Set<String> renewAll(List<Lease> leases) {
    if (leases.isEmpty()) {
      return Set.of();
    }
    long expires = clock.instant().plus(ttl).toEpochMilli();
    try {
      return Transactions.inTransaction(
          dataSource,
          connection -> {
            int[] renewed;
            try (PreparedStatement update =
                connection.prepareStatement(
                    "UPDATE mailbox_lease SET expires_at = ? WHERE mailbox = ? AND owner = ?")) {
              for (Lease lease : leases) {
                update.setLong(1, expires);
                update.setString(2, lease.mailbox());
                update.setString(3, lease.owner());
                update.addBatch();
              }
              renewed = update.executeBatch();
            }
            Set<String> lost = new HashSet<>();
            for (int i = 0; i < leases.size(); i++) {
              if (renewed[i] == 0) {
                lost.add(leases.get(i).mailbox());
              }
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

  /** The lease rows of these mailboxes, locked. */
  private static Map<String, LeaseHolder> readAll(Connection connection, List<String> mailboxes)
      throws SQLException {
    Map<String, LeaseHolder> holders = new HashMap<>();
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT mailbox, owner, host, pid, process_start, command, acquired_at, expires_at"
                + " FROM mailbox_lease WHERE mailbox IN ("
                + "?,".repeat(mailboxes.size() - 1)
                + "?) FOR UPDATE")) {
      for (int i = 0; i < mailboxes.size(); i++) {
        select.setString(1 + i, mailboxes.get(i));
      }
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          holders.put(row.getString("mailbox"), holder(row));
        }
      }
    }
    return holders;
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
        return Optional.of(holder(row));
      }
    }
  }

  private static LeaseHolder holder(ResultSet row) throws SQLException {
    return new LeaseHolder(
        row.getString("owner"),
        row.getString("host"),
        row.getLong("pid"),
        Instant.ofEpochMilli(row.getLong("process_start")),
        row.getString("command"),
        Instant.ofEpochMilli(row.getLong("acquired_at")),
        Instant.ofEpochMilli(row.getLong("expires_at")));
  }
}
