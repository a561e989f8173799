package dev.keepsake.push;

/**
 * A push was not delivered. The message names the channel and the step that failed (connect, TLS,
 * token refused, topic or app unknown, the server's answer…) and never holds a token.
 */
public final class PushException extends Exception {
  public PushException(String message, Throwable cause) {
    super(message, cause);
  }
}
