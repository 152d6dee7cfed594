package io.afterhours.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Properties;
import org.h2.api.ErrorCode;
import org.h2.engine.SessionRemote;
import org.h2.jdbc.JdbcConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may reach an embedded H2 store: the service's user only. H2's server for a second process
 * (AUTO_SERVER) listens on loopback, and the database's password is the install's {@link
 * StoreSecret}, which only that user can read.
 */
final class H2Access {
  private static final Logger LOG = LoggerFactory.getLogger(H2Access.class);
  static final String BIND_ADDRESS = "h2.bindAddress";
  static final String LOOPBACK = "127.0.0.1";

  /** The password of a store made before the secret: H2's default, none. */
  private static final String OLD_DEFAULT_PASSWORD = "";

  private H2Access() {}

  /**
   * Sets {@code h2.bindAddress} to 127.0.0.1 unless it is set already (then the user chose it), so
   * that however the JVM was started, the server H2 runs for a second process listens on loopback
   * only. H2 reads the property once, when it first starts: this runs before the first store opens.
   */
  static void keepServerOnLoopback(Properties system) {
    if (system.getProperty(BIND_ADDRESS) == null) {
      system.setProperty(BIND_ADDRESS, LOOPBACK);
    }
  }

  /** Warns when H2 started before {@link #keepServerOnLoopback} could tell it where to listen. */
  static void checkServerAddress() {
    String wanted = System.getProperty(BIND_ADDRESS);
    String used = org.h2.engine.SysProperties.BIND_ADDRESS;
    if (wanted != null && !wanted.equals(used)) {
      LOG.warn(
          "H2 started before afterhours set {}={}: a second process reaches this store through"
              + " {}",
          BIND_ADDRESS,
          wanted,
          used == null ? "every network interface" : used);
    }
  }

  /**
   * The password to open the H2 file store at {@code url} with: its secret. A store made before
   * there was a secret still has the old default password; the process that holds its file (the
   * first to open it after the upgrade) changes that to the secret. A process that reaches such a
   * store through an older afterhours that holds it keeps to the old password, so as not to lock
   * that one out; the store is protected from the next start on.
   *
   * @throws StoreException when the store takes neither password
   */
  static String password(String url, Optional<String> user, StoreSecret secret) {
    String key = secret.readOrCreate();
    try (Connection ignored = connect(url, user, key)) {
      return key;
    } catch (SQLException e) {
      if (e.getErrorCode() != ErrorCode.WRONG_USER_OR_PASSWORD) {
        throw new StoreException(
            "Cannot open the store at " + StoreSettings.redact(url) + ": " + e.getMessage(), e);
      }
    }
    try (Connection old = connect(url, user, OLD_DEFAULT_PASSWORD)) {
      if (old.unwrap(JdbcConnection.class).getSession() instanceof SessionRemote) {
        LOG.info(
            "the store at {} still has the password of an older afterhours, which holds it now;"
                + " it will be protected by {} once that process stops",
            StoreSettings.redact(url),
            secret.file());
        return OLD_DEFAULT_PASSWORD;
      }
      try (Statement statement = old.createStatement()) {
        // The secret is Base64url: no quote to escape.
        statement.execute("ALTER USER " + quotedCurrentUser(old) + " SET PASSWORD '" + key + "'");
        statement.execute("CHECKPOINT"); // written at once, as the secret file is
      }
      LOG.info(
          "the store at {} is now protected by its secret {}",
          StoreSettings.redact(url),
          secret.file());
      return key;
    } catch (SQLException e) {
      throw new StoreException(
          "Cannot open the store at "
              + StoreSettings.redact(url)
              + ": it refuses the password in "
              + secret.file()
              + " (was the database copied without that file?)",
          e);
    }
  }

  private static String quotedCurrentUser(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        var result = statement.executeQuery("SELECT CURRENT_USER")) {
      result.next();
      return '"' + result.getString(1).replace("\"", "\"\"") + '"';
    }
  }

  private static Connection connect(String url, Optional<String> user, String password)
      throws SQLException {
    Properties properties = new Properties();
    user.ifPresent(u -> properties.setProperty("user", u));
    properties.setProperty("password", password);
    return DriverManager.getConnection(url, properties);
  }
}
