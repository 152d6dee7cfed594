package io.afterhours.store;

import io.afterhours.schedule.AwayPeriod;
import io.afterhours.store.AwayChange.Action;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The away switch's periods, in table {@code away_period}, and every change made to them, in {@code
 * away_change}: a change and its log entry are one commit. Shared by every process and node on the
 * store; the daemon reads {@link #forMailbox} once per pass.
 */
public final class JdbcAwayPeriods {
  /** Longest note kept; a longer one is cut rather than refused. */
  static final int MAX_NOTE_LENGTH = 1000;

  private static final String COLUMNS =
      "id, mailbox, starts_at, ends_at, template, note, forward_to, created_at, created_by";

  private final DataSource dataSource;

  JdbcAwayPeriods(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
  }

  /**
   * Keeps a new away period.
   *
   * @param mailbox the mailbox it applies to; empty for every mailbox
   * @param by who sets it: {@code page} or {@code command}
   */
  public KeptAway set(Optional<String> mailbox, AwayPeriod period, String by, Instant at) {
    // As the store keeps it: to the millisecond, the note cut to its column.
    AwayPeriod clipped =
        new AwayPeriod(
            period.from().truncatedTo(ChronoUnit.MILLIS),
            period.until().truncatedTo(ChronoUnit.MILLIS),
            period.template(),
            clip(period.note()),
            period.forwardTo());
    try {
      return Transactions.inDurableTransaction(
          dataSource,
          connection -> {
            long id = insert(connection, mailbox, clipped, by, at);
            KeptAway kept = new KeptAway(id, mailbox, clipped, at, by);
            log(connection, new AwayChange(at, by, Action.SET, id, mailbox, clipped));
            return kept;
          });
    } catch (SQLException e) {
      throw new StoreException("Cannot keep the away period " + period, e);
    }
  }

  private static long insert(
      Connection connection, Optional<String> mailbox, AwayPeriod period, String by, Instant at)
      throws SQLException {
    String sql =
        "INSERT INTO away_period (mailbox, starts_at, ends_at, template, note, forward_to,"
            + " created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    try (PreparedStatement insert =
        connection.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
      setMailbox(insert, 1, mailbox);
      insert.setLong(2, period.from().toEpochMilli());
      insert.setLong(3, period.until().toEpochMilli());
      insert.setString(4, period.template());
      insert.setString(5, period.note());
      insert.setString(6, String.join(" ", period.forwardTo()));
      insert.setLong(7, at.toEpochMilli());
      insert.setString(8, by);
      insert.executeUpdate();
      try (ResultSet keys = insert.getGeneratedKeys()) {
        if (!keys.next()) {
          throw new SQLException("the database returned no id for the new away period");
        }
        return keys.getLong(1);
      }
    }
  }

  /** Every kept period, by start. */
  public List<KeptAway> all() {
    return select("SELECT " + COLUMNS + " FROM away_period ORDER BY starts_at, id", null);
  }

  /** The kept periods that apply to {@code mailbox} (its own and every mailbox's), by start. */
  public List<KeptAway> forMailbox(String mailbox) {
    return select(
        "SELECT "
            + COLUMNS
            + " FROM away_period WHERE mailbox IS NULL OR mailbox = ? ORDER BY starts_at, id",
        mailbox);
  }

  /**
   * Ends every kept period in force at {@code now} that applies to {@code mailbox} (all of them
   * when empty): it ends at {@code now}.
   *
   * @return the periods as they are now, ended
   */
  public List<KeptAway> endCurrent(Optional<String> mailbox, Instant now, String by) {
    List<KeptAway> ended = new ArrayList<>();
    for (KeptAway kept : mailbox.map(this::forMailbox).orElseGet(this::all)) {
      if (kept.period().contains(now)) {
        end(kept.id(), now, by).ifPresent(ended::add);
      }
    }
    return ended;
  }

  /**
   * Ends one kept period: one in force ends at {@code now}; one that has not started is taken back
   * (deleted); one that is over stays as it is.
   *
   * @return the period as the change left it; empty when there is no such period or it was over
   */
  public Optional<KeptAway> end(long id, Instant when, String by) {
    Instant now = when.truncatedTo(ChronoUnit.MILLIS);
    try {
      return Transactions.inDurableTransaction(
          dataSource,
          connection -> {
            Optional<KeptAway> found = byId(connection, id);
            if (found.isEmpty() || !found.get().period().until().isAfter(now)) {
              return Optional.empty();
            }
            KeptAway kept = found.get();
            AwayPeriod before = kept.period();
            if (before.from().isBefore(now)) {
              AwayPeriod ended =
                  new AwayPeriod(
                      before.from(), now, before.template(), before.note(), before.forwardTo());
              try (PreparedStatement update =
                  connection.prepareStatement("UPDATE away_period SET ends_at = ? WHERE id = ?")) {
                update.setLong(1, now.toEpochMilli());
                update.setLong(2, id);
                update.executeUpdate();
              }
              log(connection, new AwayChange(now, by, Action.ENDED, id, kept.mailbox(), ended));
              return Optional.of(
                  new KeptAway(id, kept.mailbox(), ended, kept.createdAt(), kept.createdBy()));
            }
            try (PreparedStatement delete =
                connection.prepareStatement("DELETE FROM away_period WHERE id = ?")) {
              delete.setLong(1, id);
              delete.executeUpdate();
            }
            log(connection, new AwayChange(now, by, Action.CANCELLED, id, kept.mailbox(), before));
            return Optional.of(kept);
          });
    } catch (SQLException e) {
      throw new StoreException("Cannot end the away period #" + id, e);
    }
  }

  /**
   * The changes of the switch, newest first.
   *
   * @param mailbox only the changes that apply to this mailbox (its own and every mailbox's)
   * @param since only changes at or after this instant
   * @param until only changes before this instant
   */
  public List<AwayChange> changes(
      Optional<String> mailbox, Optional<Instant> since, Optional<Instant> until, int limit) {
    String sql =
        "SELECT changed_at, changed_by, action, period_id, mailbox, starts_at, ends_at, template,"
            + " note, forward_to FROM away_change WHERE changed_at >= ? AND changed_at < ?"
            + (mailbox.isPresent() ? " AND (mailbox IS NULL OR mailbox = ?)" : "")
            + " ORDER BY changed_at DESC, id DESC FETCH FIRST ? ROWS ONLY";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(sql)) {
      int index = 1;
      select.setLong(index++, since.map(Instant::toEpochMilli).orElse(Long.MIN_VALUE));
      select.setLong(index++, until.map(Instant::toEpochMilli).orElse(Long.MAX_VALUE));
      if (mailbox.isPresent()) {
        select.setString(index++, mailbox.get());
      }
      select.setInt(index, limit);
      List<AwayChange> changes = new ArrayList<>();
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          changes.add(
              new AwayChange(
                  Instant.ofEpochMilli(row.getLong("changed_at")),
                  row.getString("changed_by"),
                  Action.ofCode(row.getString("action")),
                  row.getLong("period_id"),
                  Optional.ofNullable(row.getString("mailbox")),
                  period(row)));
        }
      }
      return changes;
    } catch (SQLException e) {
      throw new StoreException("Cannot read the changes of the away switch", e);
    }
  }

  private static void log(Connection connection, AwayChange change) throws SQLException {
    String sql =
        "INSERT INTO away_change (changed_at, changed_by, action, period_id, mailbox, starts_at,"
            + " ends_at, template, note, forward_to) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    try (PreparedStatement insert = connection.prepareStatement(sql)) {
      insert.setLong(1, change.at().toEpochMilli());
      insert.setString(2, change.by());
      insert.setString(3, change.action().code());
      insert.setLong(4, change.periodId());
      setMailbox(insert, 5, change.mailbox());
      insert.setLong(6, change.period().from().toEpochMilli());
      insert.setLong(7, change.period().until().toEpochMilli());
      insert.setString(8, change.period().template());
      insert.setString(9, change.period().note());
      insert.setString(10, String.join(" ", change.period().forwardTo()));
      insert.executeUpdate();
    }
  }

  private static Optional<KeptAway> byId(Connection connection, long id) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement("SELECT " + COLUMNS + " FROM away_period WHERE id = ?")) {
      select.setLong(1, id);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? Optional.of(read(row)) : Optional.empty();
      }
    }
  }

  private List<KeptAway> select(String sql, String mailbox) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(sql)) {
      if (mailbox != null) {
        select.setString(1, mailbox);
      }
      List<KeptAway> periods = new ArrayList<>();
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          periods.add(read(row));
        }
      }
      return periods;
    } catch (SQLException e) {
      throw new StoreException("Cannot read the away periods kept in the store", e);
    }
  }

  private static KeptAway read(ResultSet row) throws SQLException {
    return new KeptAway(
        row.getLong("id"),
        Optional.ofNullable(row.getString("mailbox")),
        period(row),
        Instant.ofEpochMilli(row.getLong("created_at")),
        row.getString("created_by"));
  }

  private static AwayPeriod period(ResultSet row) throws SQLException {
    return new AwayPeriod(
        Instant.ofEpochMilli(row.getLong("starts_at")),
        Instant.ofEpochMilli(row.getLong("ends_at")),
        row.getString("template"),
        row.getString("note"),
        forwardTo(row.getString("forward_to")));
  }

  private static List<String> forwardTo(String kept) {
    return kept == null || kept.isBlank() ? List.of() : List.of(kept.strip().split(" +"));
  }

  private static void setMailbox(PreparedStatement statement, int index, Optional<String> mailbox)
      throws SQLException {
    if (mailbox.isPresent()) {
      statement.setString(index, mailbox.get());
    } else {
      statement.setNull(index, Types.VARCHAR);
    }
  }

  private static String clip(String note) {
    return note.length() <= MAX_NOTE_LENGTH ? note : note.substring(0, MAX_NOTE_LENGTH);
  }
}
