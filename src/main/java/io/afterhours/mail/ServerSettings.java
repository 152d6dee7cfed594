package io.afterhours.mail;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach one IMAP or SMTP server (DESIGN.md §3).
 *
 * @param host the server's host name or address
 * @param port the TCP port
 * @param security how the connection is protected
 * @param user the login name; empty for an SMTP relay without authentication
 * @param password fetched only when connecting; never printed
 * @param trustFile a PEM file or a JKS/PKCS12 keystore whose certificates are trusted in addition
 *     to the JDK's
 * @param allowInsecure allows {@link Security#NONE} to a host that is not the loopback
 */
public record ServerSettings(
    String host,
    int port,
    Security security,
    String user,
    Secret password,
    Optional<Path> trustFile,
    boolean allowInsecure) {

  /** How a connection is protected. */
  public enum Security {
    /** TLS from the first byte (imaps, port 993; smtps, port 465). */
    TLS,
    /** Plain connection upgraded with STARTTLS, which is required, never opportunistic. */
    STARTTLS,
    /** No encryption at all; only for the loopback or with {@code allow-insecure = true}. */
    NONE
  }

  public ServerSettings {
    Objects.requireNonNull(host, "host");
    if (host.isBlank()) {
      throw new IllegalArgumentException("host is empty");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is not between 1 and 65535");
    }
    Objects.requireNonNull(security, "security");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(trustFile, "trustFile");
  }

  /**
   * Plain text to a host off the loopback without {@code allow-insecure}: refused ({@link
   * InsecureConnectionException}), and reported by {@code check --offline}.
   */
  public boolean isRefusedAsInsecure() {
    return security == Security.NONE && !allowInsecure && !MailSessions.isLoopback(host);
  }

  /** Whether a login is made: an SMTP relay that trusts this machine's address needs none. */
  public boolean logsIn() {
    return !user.isEmpty();
  }

  /** {@code host:port}, for log lines and messages. */
  public String endpoint() {
    return host + ":" + port;
  }
}
