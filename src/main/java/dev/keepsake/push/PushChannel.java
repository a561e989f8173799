package dev.keepsake.push;

/** Delivers {@link Push} messages to one service. */
public interface PushChannel {
  /** The channel's config name ({@code ntfy}, {@code gotify}, {@code webhook}), the key of its "sent" state. */
  String name();

  /** Where it sends, for logs and {@code notify-test}: the server and topic, never the token. */
  String describe();

  /**
   * What {@code doctor} can learn without sending a message: the server answers, and the token is
   * accepted where the service has a way to ask. Returns what was checked.
   */
  String check() throws PushException;

  /** Returns only when the service accepted the message (a 2xx answer). */
  void send(Push push) throws PushException;
}
