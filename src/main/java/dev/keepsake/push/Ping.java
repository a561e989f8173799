package dev.keepsake.push;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * A dead-man switch ({@code notify.ping: { url }}, healthchecks.io style): after a healthy tick a
 * ping to the URL, at most every {@code every}; while something is open, a ping to {@code URL/fail}
 * (also at most every {@code every}, and at once when the state turns). When Keepsake itself stops,
 * the pings stop and the checker tells the owner — the one failure Keepsake cannot report.
 */
public final class Ping {
  private final HttpUrl url;
  private final Duration every;
  private final Clock clock;
  private final HttpPush http;
  private Instant last;
  private Boolean lastHealthy;

  public Ping(String url, Duration every, Duration timeout, Clock clock) {
    this.url = HttpPush.url("ping", "url", url);
    this.every = every;
    this.clock = clock;
    this.http = new HttpPush(timeout);
  }

  /** doctor: the checker accepts connections (no ping is sent: that would tell it Keepsake is up). */
  public String check() throws PushException {
    HttpPush.reachable("ping", url, http.timeout);
    return "accepts connections";
  }

  public String describe() {
    return "ping " + url.scheme() + "://" + url.host() + ":" + url.port();
  }

  /**
   * Called after every tick. Returns whether it pinged now.
   *
   * @param problem null when all is well, else a one-line reason (sent as the body of {@code /fail})
   */
  public synchronized boolean tick(String problem) throws PushException {
    Instant now = clock.instant();
    boolean healthy = problem == null;
    if (last != null && lastHealthy != null && lastHealthy == healthy && now.isBefore(last.plus(every))) {
      return false;
    }
    HttpUrl target = healthy ? url : url.newBuilder().addPathSegment("fail").build();
    http.call("ping", new Request.Builder().url(target)
        .post(RequestBody.create(healthy ? "ok" : problem, MediaType.get("text/plain; charset=utf-8"))).build(),
        "check ping.url");
    last = now;
    lastHealthy = healthy;
    return true;
  }
}
