package io.afterhours.pass;

/**
 * A mail server could not be reached or failed a command: a failure of the world, which holds the
 * mailbox's cursors where they are and makes the daemon back off (DESIGN §6). Never thrown for one
 * message the server refuses; that is a {@link SendResult}.
 */
public class MailServerException extends Exception {
  private static final long serialVersionUID = 1L;

  public MailServerException(String message) {
    super(message);
  }

  public MailServerException(String message, Throwable cause) {
    super(message, cause);
  }
}
