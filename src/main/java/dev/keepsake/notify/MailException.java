package dev.keepsake.notify;

/**
 * A mail could not be sent. The message says which step failed (DNS, connect, TLS, auth, recipient
 * refused…) and never holds a password.
 */
public final class MailException extends Exception {
  public MailException(String message, Throwable cause) {
    super(message, cause);
  }
}
