package dev.keepsake.notify;

import dev.keepsake.config.NotifySettings;
import java.time.Clock;

/** Picks the transport the settings ask for: SMTP when {@code notify.smtp.host} is set, else the outbox. */
public final class Transports {
  private Transports() {}

  public static MailTransport from(NotifySettings s, Clock clock) {
    if (s.smtpHost() == null) {
      return new OutboxTransport(s.outbox(), s.outboxConfinedTo(), s.from(), s.to().isEmpty() ? java.util.List.of("owner@localhost") : s.to(), clock);
    }
    return new SmtpTransport(new SmtpTransport.Settings(s.smtpHost(), s.smtpPort(), s.starttls(), s.tls(), s.smtpUser(),
        s.smtpPassword(), s.timeout(), s.from(), s.to()), clock, null);
  }

  public static DigestPolicy.Timings timings(NotifySettings s) {
    return new DigestPolicy.Timings(s.groupWait(), s.groupInterval(), s.repeatInterval(), s.resolveAfter());
  }
}
