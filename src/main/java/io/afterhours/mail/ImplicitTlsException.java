package io.afterhours.mail;

import java.io.IOException;

/**
 * A plain connection (security = starttls or none) reached a port that speaks TLS from the first
 * byte: the server sent no greeting, and answered a TLS ClientHello on a second connection.
 */
final class ImplicitTlsException extends IOException {
  private static final long serialVersionUID = 1L;

  ImplicitTlsException(String endpoint, long waitedMillis) {
    super(
        endpoint
            + " sent no greeting within "
            + waitedMillis
            + " ms but answers a TLS handshake: it speaks TLS from the first byte");
  }
}
