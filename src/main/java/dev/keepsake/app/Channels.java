package dev.keepsake.app;

import dev.keepsake.config.PushSettings;
import dev.keepsake.push.Gotify;
import dev.keepsake.push.Ntfy;
import dev.keepsake.push.Ping;
import dev.keepsake.push.PushChannel;
import dev.keepsake.push.Webhook;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** The push channels the configuration names, made once: the digest channels and the dead-man ping. */
public final class Channels {
  private Channels() {}

  public static List<PushChannel> digest(PushSettings s) {
    List<PushChannel> out = new ArrayList<>();
    if (s.ntfy() != null) {
      out.add(new Ntfy(s.ntfy().url(), s.ntfy().topic(), s.ntfy().token(), s.timeout()));
    }
    if (s.gotify() != null) {
      out.add(new Gotify(s.gotify().url(), s.gotify().token(), s.timeout()));
    }
    if (s.webhook() != null) {
      out.add(new Webhook(s.webhook().url(), s.webhook().token(), s.timeout()));
    }
    return out;
  }

  /** The ping, or null when none is configured. */
  public static Ping ping(PushSettings s, Clock clock) {
    return s.ping() == null ? null : new Ping(s.ping().url(), s.ping().every(), s.timeout(), clock);
  }
}
