package io.afterhours.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.afterhours.pass.Leases;
import io.afterhours.pass.Ledger;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable state of afterhours: folder cursors, the reply log and the decision log, in one
 * database reached through a small connection pool.
 *
 * <p>Which database: embedded H2 in a file by default ({@value StoreSettings#DEFAULT_URL}),
 * PostgreSQL when the URL starts with {@code jdbc:postgresql:} (required for a cluster, DESIGN §7).
 * Opening migrates the schema with Flyway ({@code db/migration}); opening twice, or from two
 * processes or nodes at once, is safe.
 *
 * <p>Sharing an H2 file: H2 locks a database file for the process that opens it. So that {@code
 * afterhours history} can read while {@code afterhours run} holds the file, an H2 file URL is
 * opened with {@code AUTO_SERVER=TRUE} (unless it sets {@code AUTO_SERVER} itself): the first
 * process serves the file over a TCP port that H2 picks; later processes find that port and a
 * random key in the lock file next to the database and connect through it; when the first process
 * exits another one takes over. H2 listens on 127.0.0.1 only (unless {@code -Dh2.bindAddress} says
 * otherwise), serves only clients that know the key, that is those able to read the data directory,
 * and they still need the database's password: the install's secret, in a file only the service's
 * user can read ({@link StoreSecret}). Within one JVM, every pool on the same file shares one
 * embedded database.
 *
 * <p>Durability on an H2 file: H2 writes its pages in the background, and the ledger's commits are
 * made durable by a journal beside the database, replayed at the next open after a crash ({@link
 * JournaledCommits}).
 */
public final class Store implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Store.class);

  static {
    // Before any H2 code runs in this process, whatever started the JVM.
    H2Access.keepServerOnLoopback(System.getProperties());
    H2Access.checkServerAddress();
  }

  /** Enough for the daemon's few threads and the start-up settling; the database does the rest. */
  static final int POOL_SIZE = 5;

  private final HikariDataSource dataSource;
  private final SqlDialect dialect;
  private final JdbcFolderCursors cursors;
  private final JdbcReplyLog replies;
  private final JdbcDecisionLog decisions;
  private final JdbcAwayPeriods awayPeriods;
  private final JdbcCorrespondents correspondents;

  private final JdbcLedger ledger;
  private final Clock leaseClock;
  private final Optional<H2Housekeeping> housekeeping;
  private final Optional<JournaledCommits> journal;

  /** How often the old chunks of an H2 file store are tidied (see {@link H2Housekeeping}). */
  static final Duration H2_HOUSEKEEPING = Duration.ofSeconds(10);

  private Store(
      HikariDataSource dataSource,
      SqlDialect dialect,
      Clock clock,
      Clock leaseClock,
      Optional<Path> h2File) {
    this.dataSource = dataSource;
    this.journal = h2File.map(database -> new JournaledCommits(dataSource, database));
    this.dialect = dialect;
    this.leaseClock = leaseClock;
    this.cursors = new JdbcFolderCursors(dataSource, dialect, clock);
    this.replies = new JdbcReplyLog(dataSource, leaseClock);
    this.decisions = new JdbcDecisionLog(dataSource);
    this.awayPeriods = new JdbcAwayPeriods(dataSource);
    this.correspondents = new JdbcCorrespondents(dataSource, dialect, clock);
    this.ledger =
        new JdbcLedger(
            cursors,
            replies,
            decisions,
            journal.<LedgerCommits>map(j -> j).orElseGet(() -> LedgerCommits.direct(dataSource)));
    // Before any pass reads the tables: what a process that was killed left in its journal.
    journal.ifPresent(this::replayJournals);
    this.housekeeping =
        journal.map(j -> H2Housekeeping.start(dataSource, H2_HOUSEKEEPING, j::writeDown));
  }

  private void replayJournals(JournaledCommits commits) {
    commits.replayOrphans(ledger::replay);
  }

  /** Opens the store on the system clock. */
  public static Store open(StoreSettings settings) {
    return open(settings, Clock.systemUTC());
  }

  /**
   * Connects, migrates the schema, and returns the open store.
   *
   * @param clock stamps the cursors' {@code updated_at}
   * @throws StoreException when the URL is not supported or the database cannot be reached or
   *     migrated; the message names the URL, never the password
   */
  public static Store open(StoreSettings settings, Clock clock) {
    return open(settings, clock, Clock.systemUTC());
  }

  /**
   * Connects, migrates the schema, and returns the open store.
   *
   * @param clock stamps the cursors' {@code updated_at}
   * @param leaseClock judges when mailbox leases expire: the real time, whatever instant the passes
   *     judge "closed now" at (tests that fix one still need leases to run out)
   */
  public static Store open(StoreSettings settings, Clock clock, Clock leaseClock) {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(clock, "clock");
    SqlDialect dialect = SqlDialect.of(settings.url());
    String url = settings.url();
    Optional<H2FileUrl> h2File = H2FileUrl.parse(url);
    Optional<String> password = settings.password();
    if (h2File.isPresent()) {
      h2File.get().createDirectory();
      url = h2File.get().withAfterhoursSettings();
      if (password.isEmpty() && !h2File.get().setsPassword()) {
        password = Optional.of(H2Access.password(url, settings.user(), h2File.get().secret()));
      }
    }
    HikariDataSource dataSource = connect(settings, url, password);
    boolean writeDelayOurs = h2File.isPresent() && !h2File.get().setsWriteDelay();
    if (writeDelayOurs) {
      setWriteDelay(dataSource, 0);
    }
    if (schemaIsCurrent(dataSource, dialect)) {
      log.debug("store at {} is current; no migration", settings.redactedUrl());
      return open(dataSource, dialect, clock, leaseClock, h2File, writeDelayOurs);
    }
    try {
      var flyway =
          Flyway.configure()
              .dataSource(dataSource)
              .locations("classpath:db/migration")
              // Quartz's tables are version 100 on PostgreSQL: a later migration of our own (a
              // lower version) must still be applied to a database that already has them.
              .outOfOrder(true)
              .failOnMissingLocations(true);
      if (dialect == SqlDialect.POSTGRESQL) {
        flyway.javaMigrations(new QuartzTablesMigration());
      }
      flyway.load().migrate();
    } catch (RuntimeException e) {
      dataSource.close();
      throw new StoreException(
          "Cannot prepare the store at " + settings.redactedUrl() + ": " + rootMessage(e), e);
    }
    log.debug("store open at {} ({})", settings.redactedUrl(), dialect);
    return open(dataSource, dialect, clock, leaseClock, h2File, writeDelayOurs);
  }

  private static Store open(
      HikariDataSource dataSource,
      SqlDialect dialect,
      Clock clock,
      Clock leaseClock,
      Optional<H2FileUrl> h2File,
      boolean writeDelayOurs) {
    try {
      if (writeDelayOurs) {
        setWriteDelay(dataSource, H2FileUrl.WRITE_DELAY_OPEN);
      }
      return new Store(dataSource, dialect, clock, leaseClock, h2File.map(H2FileUrl::databasePath));
    } catch (RuntimeException e) {
      dataSource.close();
      throw e;
    }
  }

  /**
   * Sets how long H2 may keep committed pages: 0 while the store is opened, then {@link
   * H2FileUrl#WRITE_DELAY_OPEN}. A setting of the database, not of a connection.
   */
  private static void setWriteDelay(HikariDataSource dataSource, int millis) {
    try (java.sql.Connection connection = dataSource.getConnection();
        java.sql.Statement statement = connection.createStatement()) {
      statement.execute("SET WRITE_DELAY " + millis);
    } catch (java.sql.SQLException e) {
      dataSource.close();
      throw new StoreException("Cannot set the store's write delay: " + e.getMessage(), e);
    }
  }

  /**
   * The newest migration in {@code db/migration}, which numbers them 1, 2, 3 … without gaps; a test
   * keeps both true. A store that has every one of them (and, on PostgreSQL, Quartz's tables) is
   * opened without starting Flyway, which costs a noticeable part of a start-up (its classes, and a
   * scan of the migrations).
   */
  static final int LATEST_MIGRATION = 9;

  private static boolean schemaIsCurrent(javax.sql.DataSource dataSource, SqlDialect dialect) {
    List<String> versions = new java.util.ArrayList<>();
    for (int version = 1; version <= LATEST_MIGRATION; version++) {
      versions.add(String.valueOf(version));
    }
    if (dialect == SqlDialect.POSTGRESQL) {
      versions.add(QuartzTablesMigration.VERSION);
    }
    String sql =
        "SELECT COUNT(DISTINCT \"version\") FROM \"flyway_schema_history\""
            + " WHERE \"success\" AND \"version\" IN ("
            + String.join(", ", java.util.Collections.nCopies(versions.size(), "?"))
            + ")";
    try (java.sql.Connection connection = dataSource.getConnection();
        java.sql.PreparedStatement query = connection.prepareStatement(sql)) {
      for (int i = 0; i < versions.size(); i++) {
        query.setString(i + 1, versions.get(i));
      }
      try (java.sql.ResultSet row = query.executeQuery()) {
        return row.next() && row.getInt(1) == versions.size();
      }
    } catch (java.sql.SQLException e) {
      return false; // a new store, or one Flyway never saw: let Flyway decide
    }
  }

  private static HikariDataSource connect(
      StoreSettings settings, String url, Optional<String> password) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("afterhours-store");
    config.setJdbcUrl(url);
    settings.user().ifPresent(config::setUsername);
    password.ifPresent(config::setPassword);
    config.setMaximumPoolSize(POOL_SIZE);
    config.setMinimumIdle(1);
    config.setConnectionTimeout(10_000);
    try {
      return new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new StoreException(
          "Cannot connect to the store at " + settings.redactedUrl() + ": " + rootMessage(e), e);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return StoreSettings.redact(String.valueOf(root.getMessage()));
  }

  /**
   * The pool, for Quartz's clustered job store (its tables exist on PostgreSQL only). Nothing else
   * should run SQL of its own against the store.
   */
  public javax.sql.DataSource dataSource() {
    return dataSource;
  }

  /** True when the store is PostgreSQL, which a cluster needs. */
  public boolean isPostgres() {
    return dialect == SqlDialect.POSTGRESQL;
  }

  /** What a pass records: cursors, decisions and the reply log, for the per-reply protocol. */
  public Ledger ledger() {
    return ledger;
  }

  /**
   * The mailbox leases, taken in the name of this process.
   *
   * @param command what this process runs ({@code run}, {@code once}), shown to a second process
   * @param ttl how long a lease lasts unless renewed
   */
  public Leases leases(String command, Duration ttl) {
    return new JdbcLeases(
        dataSource,
        leaseClock,
        ProcessIdentity.current(command),
        ttl,
        ProcessIdentity::isDead,
        () -> journal.ifPresent(this::replayJournals));
  }

  /** Folder cursors: how far each folder has been dealt with. */
  public JdbcFolderCursors cursors() {
    return cursors;
  }

  /** The reply log; also the policy's {@link io.afterhours.policy.ReplyHistory}. */
  public JdbcReplyLog replies() {
    return replies;
  }

  /** The decision log behind {@code afterhours history}. */
  public JdbcDecisionLog decisions() {
    return decisions;
  }

  /** The away switch's periods and its log of changes. */
  public JdbcAwayPeriods awayPeriods() {
    return awayPeriods;
  }

  /** Whom each owner has written to, learned from the Sent folder ({@code reply.only-to}). */
  public JdbcCorrespondents correspondents() {
    return correspondents;
  }

  /** Closes the connection pool; an embedded H2 database closes with its last connection. */
  @Override
  public void close() {
    housekeeping.ifPresent(H2Housekeeping::close);
    journal.ifPresent(JournaledCommits::close);
    dataSource.close();
    log.debug("store closed");
  }
}
