package io.afterhours.pass;

/**
 * The ledger could not be read or written (a database down, a full disk): a failure of the world
 * that stops the pass where it is, never a verdict on the message in hand.
 */
public class LedgerException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public LedgerException(String message, Throwable cause) {
    super(message, cause);
  }

  public LedgerException(String message) {
    super(message);
  }
}
