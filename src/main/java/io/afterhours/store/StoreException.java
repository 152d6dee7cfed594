package io.afterhours.store;

import io.afterhours.pass.LedgerException;

/**
 * The store could not be opened or a statement failed: a failure of the world (a dead database, a
 * full disk), never an ordinary outcome such as a reply that already exists.
 */
public final class StoreException extends LedgerException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }

  public StoreException(String message) {
    super(message);
  }
}
