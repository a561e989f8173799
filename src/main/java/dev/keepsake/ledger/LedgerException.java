package dev.keepsake.ledger;

/** The ledger cannot be opened or used; the message names the file and what to do. */
public final class LedgerException extends RuntimeException {
  public LedgerException(String message, Throwable cause) {
    super(message, cause);
  }
}
