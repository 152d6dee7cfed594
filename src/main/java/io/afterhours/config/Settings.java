package io.afterhours.config;

import io.afterhours.store.StoreSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The whole configuration, read and checked once at start-up.
 *
 * @param source the config file that was read
 * @param office the top-level office; each mailbox carries its own (possibly overridden) copy
 * @param store the JDBC store: {@code jdbc:h2:…} (default, embedded) or {@code jdbc:postgresql:…}
 * @param http where {@code run} serves /livez, /readyz, /metrics and the status page
 * @param retention how long decisions are kept in the decision log
 * @param overrides the settings given outside the file (system properties, environment), for {@code
 *     check} to show
 * @param serverProblems what is wrong with how the servers are reached (an empty password, plain
 *     text off the loopback): commands that connect refuse to start with them ({@link
 *     #requireServerSettings}), while {@code preview} and {@code schedule} need no server
 */
public record Settings(
    Path source,
    OfficeSettings office,
    List<MailboxSettings> mailboxes,
    Duration pollInterval,
    boolean idle,
    StoreSettings store,
    Duration retention,
    boolean clusterEnabled,
    HttpSettings http,
    List<ConfigOverride> overrides,
    List<ConfigProblem> serverProblems) {
  public Settings {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(office, "office");
    mailboxes = List.copyOf(mailboxes);
    Objects.requireNonNull(pollInterval, "pollInterval");
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(retention, "retention");
    Objects.requireNonNull(http, "http");
    overrides = List.copyOf(overrides);
    serverProblems = List.copyOf(serverProblems);
  }

  /** The http port of {@code run}; 0 for none. */
  public int httpPort() {
    return http.port();
  }

  /**
   * For the commands that connect to the servers.
   *
   * @throws InvalidConfigException listing {@link #serverProblems} when there are any
   */
  public void requireServerSettings() throws InvalidConfigException {
    if (!serverProblems.isEmpty()) {
      throw new InvalidConfigException(serverProblems);
    }
  }
}
