package dev.keepsake.syncthing;

import java.io.IOException;

/**
 * Syncthing did not answer as hoped. {@link #kind()} says which trouble, for messages, health and
 * incidents; the message never holds the API key.
 */
public final class SyncthingException extends IOException {
  /** What went wrong, with the fix in {@link #hint()}. */
  public enum Kind {
    UNREACHABLE("is Syncthing running, and is syncthing.url right?"),
    AUTH("API key rejected: check syncthing.api-key-file"),
    HOST_CHECK("Syncthing refused the Host header: reach it as 127.0.0.1/localhost, or set insecureSkipHostcheck in its GUI settings"),
    NOT_FOUND("no such folder or endpoint: check the folder id in the config"),
    PROTOCOL("unexpected answer; Syncthing may have been stopping"),
    MALFORMED("an answer Keepsake cannot use; retrying with backoff (does syncthing.url point at Syncthing?)");

    private final String hint;

    Kind(String hint) {
      this.hint = hint;
    }

    /** Whether Syncthing answered but refuses Keepsake (the key, the Host header): {@code syncthing-auth}. */
    public boolean refusesUs() {
      return this == AUTH || this == HOST_CHECK;
    }

    public String hint() {
      return hint;
    }
  }

  private final Kind kind;

  SyncthingException(Kind kind, String message, Throwable cause) {
    super(message + " (" + kind.hint() + ")", cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
