package dev.keepsake.ingest;

/** The archive cannot be used at all (missing, not writable, locked); the message says the fix. */
public final class ArchiveUnavailableException extends Exception {
  public ArchiveUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
