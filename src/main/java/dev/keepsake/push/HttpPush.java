package dev.keepsake.push;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import javax.net.ssl.SSLException;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The one HTTP client every channel uses: connect and call timeouts, the platform's certificate
 * checks (never relaxed), and no redirect followed — a server that answers 3xx is reported, so a
 * token is never carried to the host a redirect names.
 */
final class HttpPush {
  private final OkHttpClient client;
  final Duration timeout;

  HttpPush(Duration timeout) {
    this.timeout = timeout;
    client = new OkHttpClient.Builder()
        .connectTimeout(timeout)
        .readTimeout(timeout)
        .callTimeout(timeout.multipliedBy(2))
        .followRedirects(false)
        .followSslRedirects(false)
        .retryOnConnectionFailure(false)
        .build();
  }

  /** The URL as configured, checked: http or https only. */
  static HttpUrl url(String channel, String key, String text) {
    HttpUrl url = text == null ? null : HttpUrl.parse(text);
    if (url == null) {
      throw new IllegalArgumentException(channel + "." + key + ": '" + text + "' is not an http(s) URL");
    }
    return url;
  }

  /**
   * Sends {@code request}; a 2xx answer is success. Anything else is a {@link PushException} naming
   * {@code channel}, the server (not the path's secrets) and the step.
   *
   * @param refused what a 401/403 means for this service (which token to check)
   */
  void call(String channel, Request request, String refused) throws PushException {
    String where = request.url().scheme() + "://" + request.url().host() + ":" + request.url().port();
    try (Response response = client.newCall(request).execute()) {
      int code = response.code();
      if (code >= 200 && code < 300) {
        return;
      }
      String body = response.body() == null ? "" : firstLine(response.body().string());
      if (code == 401 || code == 403) {
        throw new PushException(channel + ": " + where + " refused the token (HTTP " + code + "): " + refused, null);
      }
      if (code >= 300 && code < 400) {
        throw new PushException(channel + ": " + where + " answered a redirect (HTTP " + code + ") to "
            + hostOf(response.header("Location")) + "; not followed, so the token stays here: put the final URL in the config",
            null);
      }
      throw new PushException(channel + ": " + where + " answered HTTP " + code + (body.isEmpty() ? "" : ": " + body), null);
    } catch (UnknownHostException e) {
      throw new PushException(channel + ": cannot resolve " + request.url().host() + " (check the URL)", e);
    } catch (ConnectException e) {
      throw new PushException(channel + ": connect: nothing accepts connections at " + where + " (is the server up?)", e);
    } catch (SocketTimeoutException e) {
      throw new PushException(channel + ": " + where + " did not answer in time", e);
    } catch (SSLException e) {
      throw new PushException(channel + ": TLS with " + where + " failed (" + e.getMessage()
          + "); the certificate must be valid for this host", e);
    } catch (IOException e) {
      throw new PushException(channel + ": " + where + ": " + e.getMessage(), e);
    }
  }

  /** Whether something accepts TCP connections at the URL's host and port (doctor: reachable, nothing sent). */
  static void reachable(String channel, HttpUrl url, Duration timeout) throws PushException {
    String where = url.scheme() + "://" + url.host() + ":" + url.port();
    try (java.net.Socket socket = new java.net.Socket()) {
      socket.connect(new java.net.InetSocketAddress(url.host(), url.port()), (int) timeout.toMillis());
    } catch (UnknownHostException e) {
      throw new PushException(channel + ": cannot resolve " + url.host() + " (check the URL)", e);
    } catch (IOException e) {
      throw new PushException(channel + ": connect: nothing accepts connections at " + where + " (is the server up?)", e);
    }
  }

  private static String hostOf(String location) {
    if (location == null) {
      return "(no Location)";
    }
    HttpUrl url = HttpUrl.parse(location);
    return url == null ? "a relative path" : url.scheme() + "://" + url.host();
  }

  private static String firstLine(String text) {
    String one = text.strip().lines().findFirst().orElse("");
    return one.length() > 200 ? one.substring(0, 200) + "…" : one;
  }
}
