package io.afterhours.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One mail server of a mailbox ({@code imap} or {@code smtp} block).
 *
 * @param security {@code tls}, {@code starttls} (required, not opportunistic) or {@code none}
 * @param trustFile an extra CA certificate (PEM) or trust store to verify the server with
 * @param allowInsecure allows {@code security = none} on a host that is not loopback
 */
public record ServerConfig(
    String host,
    int port,
    Security security,
    String user,
    Secret secret,
    Optional<Path> trustFile,
    boolean allowInsecure) {

  /** How the connection is protected. */
  public enum Security {
    TLS,
    STARTTLS,
    NONE
  }

  public ServerConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(security, "security");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(trustFile, "trustFile");
  }
}
