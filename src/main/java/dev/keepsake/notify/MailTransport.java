package dev.keepsake.notify;

/** Delivers a {@link MailMessage}: by SMTP, or into an outbox folder when no SMTP is configured. */
public interface MailTransport {
  /** Returns only when the message is delivered (accepted by the server, or durably in the outbox). */
  void send(MailMessage message) throws MailException;

  /** For log lines and {@code notify-test}: where mail goes, without secrets. */
  String describe();
}
