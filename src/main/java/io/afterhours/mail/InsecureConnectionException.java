package io.afterhours.mail;

/**
 * Thrown when a mailbox is configured with {@code security = none} for a host that is not the
 * loopback and {@code allow-insecure} is not set: the password would cross the network in clear.
 */
public final class InsecureConnectionException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  InsecureConnectionException(String mailbox, String service, ServerSettings settings) {
    super(
        "mailbox "
            + mailbox
            + ": "
            + service
            + " server "
            + settings.endpoint()
            + " has security = none, which is refused for a host that is not the loopback"
            + " (127.0.0.0/8, ::1, localhost); use tls or starttls, or set allow-insecure = true");
  }
}
