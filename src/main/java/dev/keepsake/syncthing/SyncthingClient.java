package dev.keepsake.syncthing;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Talks to one Syncthing's REST API with {@code X-API-Key}. JSON is read leniently (unknown fields
 * and event types are ignored). Every failure is a {@link SyncthingException} whose message names
 * the URL path and the fix, never the key.
 */
public final class SyncthingClient {
  /** Syncthing holds an events request open this long when nothing happens. */
  public static final int POLL_SECONDS = 60;

  private static final ObjectMapper JSON = new ObjectMapper()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final HttpUrl base;
  private final String apiKey;
  private final OkHttpClient http;

  /**
   * @param baseUrl e.g. {@code http://127.0.0.1:8384}
   * @param apiKey the GUI/REST API key (from a file or the environment; never logged)
   */
  public SyncthingClient(String baseUrl, String apiKey) {
    HttpUrl parsed = HttpUrl.parse(baseUrl);
    if (parsed == null) {
      throw new IllegalArgumentException("syncthing.url: '" + baseUrl + "' is not a URL; write it like http://127.0.0.1:8384");
    }
    this.base = parsed;
    this.apiKey = apiKey;
    this.http = new OkHttpClient.Builder()
        .connectTimeout(Duration.ofSeconds(10))
        .readTimeout(Duration.ofSeconds(POLL_SECONDS + 30)) // above the long-poll's own timeout
        .callTimeout(Duration.ofSeconds(POLL_SECONDS + 60))
        .retryOnConnectionFailure(true)
        .build();
  }

  public String baseUrl() {
    return base.toString();
  }

  /** {@code GET /rest/system/ping}: reachable, and the key accepted. */
  public void ping() throws SyncthingException {
    get("/rest/system/ping", null);
  }

  /** Syncthing's start time: it changes when Syncthing restarts (and its event ids start again). */
  public String startTime() throws SyncthingException {
    return get("/rest/system/status", null).path("startTime").asText("");
  }

  public FolderInfo folder(String id) throws SyncthingException {
    JsonNode f = get("/rest/config/folders/" + URLEncoder.encode(id, StandardCharsets.UTF_8), null);
    return new FolderInfo(id, Path.of(f.path("path").asText()), f.path("versioning").path("type").asText(""),
        f.path("ignoreDelete").asBoolean(false));
  }

  /** Every folder Syncthing shares ({@code /rest/config/folders}). */
  public List<FolderInfo> folders() throws SyncthingException {
    List<FolderInfo> folders = new ArrayList<>();
    for (JsonNode f : get("/rest/config/folders", null)) {
      folders.add(new FolderInfo(f.path("id").asText(), Path.of(f.path("path").asText()),
          f.path("versioning").path("type").asText(""), f.path("ignoreDelete").asBoolean(false)));
    }
    return folders;
  }

  /**
   * {@code GET /rest/events?since=N&timeout=S}, unfiltered (a filtered request opens a new
   * subscription that sees no history). Returns when events arrive or after {@code timeoutSeconds}.
   */
  public List<SyncthingEvent> events(long since, int timeoutSeconds) throws SyncthingException {
    JsonNode array = get("/rest/events", "since=" + since + "&timeout=" + timeoutSeconds);
    List<SyncthingEvent> events = new ArrayList<>();
    for (JsonNode e : array) {
      JsonNode data = e.path("data");
      events.add(new SyncthingEvent(e.path("id").asLong(), e.path("type").asText(""),
          text(data, "folder"), text(data, "item"), text(data, "type"), text(data, "action"), text(data, "error"),
          instant(e.path("time").asText(null))));
    }
    return events;
  }

  private static java.time.Instant instant(String text) {
    try {
      return text == null ? null : java.time.OffsetDateTime.parse(text).toInstant();
    } catch (java.time.format.DateTimeParseException e) {
      return null;
    }
  }

  private static String text(JsonNode data, String field) {
    JsonNode v = data.path(field);
    return v.isTextual() ? v.asText() : null;
  }

  private JsonNode get(String path, String query) throws SyncthingException {
    HttpUrl.Builder url = base.newBuilder().encodedPath(path);
    if (query != null) {
      url.encodedQuery(query);
    }
    Request request = new Request.Builder().url(url.build()).header("X-API-Key", apiKey).get().build();
    try (Response response = http.newCall(request).execute()) {
      ResponseBody body = response.body();
      String text = body == null ? "" : body.string();
      if (response.isSuccessful()) {
        return text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
      }
      throw failure(path, response.code(), text.strip());
    } catch (SyncthingException e) {
      throw e;
    } catch (ConnectException e) {
      throw new SyncthingException(SyncthingException.Kind.UNREACHABLE, "cannot connect to " + where(url.build()), e);
    } catch (IOException e) {
      throw new SyncthingException(SyncthingException.Kind.UNREACHABLE, where(url.build()) + ": " + e.getMessage(), e);
    }
  }

  private SyncthingException failure(String path, int code, String body) {
    String what = where(base.newBuilder().encodedPath(path).build()) + " answered " + code + (body.isEmpty() ? "" : " \"" + firstLine(body) + "\"");
    if (code == 401 || (code == 403 && body.contains("CSRF"))) {
      return new SyncthingException(SyncthingException.Kind.AUTH, what, null);
    }
    if (code == 403 && body.toLowerCase().contains("host check")) {
      return new SyncthingException(SyncthingException.Kind.HOST_CHECK, what, null);
    }
    if (code == 403) {
      return new SyncthingException(SyncthingException.Kind.AUTH, what, null);
    }
    if (code == 404) {
      return new SyncthingException(SyncthingException.Kind.NOT_FOUND, what, null);
    }
    return new SyncthingException(SyncthingException.Kind.PROTOCOL, what, null);
  }

  /** The URL for a message: scheme, host, port and path (the key travels in a header, never here). */
  private static String where(HttpUrl url) {
    return url.scheme() + "://" + url.host() + ":" + url.port() + url.encodedPath();
  }

  /** Ends a long-poll in flight at once (on shutdown). */
  public void cancelCalls() {
    http.dispatcher().cancelAll();
  }

  private static String firstLine(String body) {
    String line = body.lines().findFirst().orElse("");
    return line.length() > 120 ? line.substring(0, 120) + "…" : line;
  }
}
