package io.afterhours.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code http} block: where {@code run} serves its health, metrics and status page.
 *
 * @param port the port; 0 serves nothing
 * @param address the address to bind: 127.0.0.1 (the default) keeps it to this machine
 * @param tokenFile where the status page's token is kept, when the config says; else beside the
 *     embedded store, or beside the config file for another store
 */
public record HttpSettings(int port, String address, Optional<Path> tokenFile) {
  public static final String LOOPBACK = "127.0.0.1";

  public HttpSettings {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(tokenFile, "tokenFile");
  }

  public static HttpSettings onPort(int port) {
    return new HttpSettings(port, LOOPBACK, Optional.empty());
  }
}
