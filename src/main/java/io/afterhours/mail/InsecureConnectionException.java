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
            + " has security = none, which "
            + refusal());
  }

  /** Why and what to do, after the server's name: {@code check --offline} says it too. */
  public static String refusal() {
    return "is refused for a host that is not the loopback (127.0.0.0/8, ::1, localhost): the"
        + " password and the mail would cross the network in clear; use tls or starttls, or set"
        + " allow-insecure = true";
  }
}
