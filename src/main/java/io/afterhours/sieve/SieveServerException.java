package io.afterhours.sieve;

/**
 * The Sieve server could not be reached, refused a command, or holds scripts afterhours must not
 * touch; the message says which, in words for the operator, and never holds a password.
 */
public final class SieveServerException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SieveServerException(String message) {
    super(message);
  }

  public SieveServerException(String message, Throwable cause) {
    super(message, cause);
  }
}
