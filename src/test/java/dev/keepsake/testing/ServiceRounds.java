package dev.keepsake.testing;

import dev.keepsake.app.Service;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * "Nothing more happens" without a fixed sleep: wait until the running service's own loop has
 * looked again a given number of times (its {@code keepsake_ingest_rounds_total} or
 * {@code keepsake_notifier_ticks_total} counter, read from {@code /metrics}), then assert.
 */
public final class ServiceRounds {
  public static final String INGEST = "keepsake_ingest_rounds_total";
  public static final String NOTIFIER = "keepsake_notifier_ticks_total";

  private ServiceRounds() {}

  /** Waits until {@code counter} has grown by {@code more} from its value now. */
  public static void waitFor(Service service, String counter, int more, Duration limit) throws InterruptedException {
    long from = read(service, counter);
    SyncthingPair.waitUntil(limit, more + " more of " + counter + " (from " + from + ")",
        () -> read(service, counter) >= from + more);
  }

  public static long read(Service service, String counter) {
    try {
      String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
          + service.server().address().getPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
      Matcher m = Pattern.compile("(?m)^" + counter + " (\\d+)$").matcher(body);
      if (!m.find()) {
        throw new AssertionError("no " + counter + " in /metrics:\n" + body);
      }
      return Long.parseLong(m.group(1));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
