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
 * @param retention how long decisions are kept in the decision log
 * @param overrides the settings given outside the file (system properties, environment), for {@code
 *     check} to show
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
    int httpPort,
    List<ConfigOverride> overrides) {
  public Settings {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(office, "office");
    mailboxes = List.copyOf(mailboxes);
    Objects.requireNonNull(pollInterval, "pollInterval");
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(retention, "retention");
    overrides = List.copyOf(overrides);
  }
}
