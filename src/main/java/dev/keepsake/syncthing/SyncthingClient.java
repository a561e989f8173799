package dev.keepsake.syncthing;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keepsake.fs.LimitedInputStream;
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
    JsonNode status = get("/rest/system/status", null);
    JsonNode startTime = status.path("startTime");
    if (!startTime.isTextual() || startTime.asText().isEmpty()) {
      throw malformed("/rest/system/status", "no startTime string");
    }
    return startTime.asText();
  }

  /** This Syncthing's own device id ({@code /rest/system/status} → {@code myID}). */
  public String myId() throws SyncthingException {
    JsonNode id = get("/rest/system/status", null).path("myID");
    if (!id.isTextual()) {
      throw malformed("/rest/system/status", "no myID string");
    }
    return id.asText();
  }

  /** The devices folder {@code id} is shared with, this one included ({@code devices[].deviceID}). */
  public List<String> folderDevices(String id) throws SyncthingException {
    String path = "/rest/config/folders/" + URLEncoder.encode(id, StandardCharsets.UTF_8);
    List<String> devices = new ArrayList<>();
    for (JsonNode d : get(path, null).path("devices")) {
      if (d.path("deviceID").isTextual()) {
        devices.add(d.path("deviceID").asText());
      }
    }
    return devices;
  }

  /** Which devices are connected now ({@code /rest/system/connections}), by device id. */
  public java.util.Map<String, Boolean> connections() throws SyncthingException {
    java.util.Map<String, Boolean> out = new java.util.HashMap<>();
    get("/rest/system/connections", null).path("connections").fields()
        .forEachRemaining(e -> out.put(e.getKey(), e.getValue().path("connected").asBoolean(false)));
    return out;
  }

  /**
   * This Syncthing's state of folder {@code id} ({@code /rest/db/status}).
   *
   * @param state {@code idle}, {@code scanning}, {@code syncing}, …
   * @param needItems items it still has to pull (files, deletes, folders)
   */
  public record FolderStatus(String state, long needItems) {
    public boolean complete() {
      return "idle".equals(state) && needItems == 0;
    }
  }

  public FolderStatus folderStatus(String id) throws SyncthingException {
    String path = "/rest/db/status";
    JsonNode s = get(path, "folder=" + URLEncoder.encode(id, StandardCharsets.UTF_8));
    if (!s.path("state").isTextual() || !s.path("needTotalItems").canConvertToLong()) {
      throw malformed(path, "no state and needTotalItems");
    }
    return new FolderStatus(s.path("state").asText(), s.path("needTotalItems").asLong());
  }

  public FolderInfo folder(String id) throws SyncthingException {
    String path = "/rest/config/folders/" + URLEncoder.encode(id, StandardCharsets.UTF_8);
    return folderInfo(path, get(path, null));
  }

  /** Every folder Syncthing shares ({@code /rest/config/folders}). */
  public List<FolderInfo> folders() throws SyncthingException {
    JsonNode all = get("/rest/config/folders", null);
    if (!all.isArray()) {
      throw malformed("/rest/config/folders", "not a JSON array");
    }
    List<FolderInfo> folders = new ArrayList<>();
    for (JsonNode f : all) {
      folders.add(folderInfo("/rest/config/folders", f));
    }
    return folders;
  }

  private static FolderInfo folderInfo(String where, JsonNode f) throws SyncthingException {
    if (!f.isObject() || !f.path("id").isTextual() || !f.path("path").isTextual()) {
      throw malformed(where, "a folder without an id and path string");
    }
    try {
      return new FolderInfo(f.path("id").asText(), Path.of(f.path("path").asText()),
          f.path("versioning").path("type").asText(""), f.path("ignoreDelete").asBoolean(false));
    } catch (java.nio.file.InvalidPathException e) {
      throw malformed(where, "folder path '" + f.path("path").asText() + "' is not a path here");
    }
  }

  /**
   * What one long-poll of events gave.
   *
   * @param events the events, in order, each checked for its types
   * @param cut why the answer was not read to its end (too large), or null: events may have been
   *     missed, so the caller looks at everything again
   * @param resumeAfter the id to poll on from: the last event read, or the id of the event the
   *     answer was cut in (it is skipped); 0 when none was seen
   */
  public record EventPage(List<SyncthingEvent> events, String cut, long resumeAfter) {}

  /**
   * {@code GET /rest/events?since=N&timeout=S}, unfiltered (a filtered request opens a new
   * subscription that sees no history). Returns when events arrive or after {@code timeoutSeconds}.
   * The answer is read as a stream, event by event, keeping only the fields Keepsake uses, so memory
   * is bounded whatever its size; past {@value #MAX_EVENTS_BYTES} bytes or {@value #MAX_EVENTS} events
   * it is cut ({@link EventPage#cut}). Wrong types (an id that is not a number, an event that is not
   * an object) make it a malformed answer: a {@link SyncthingException} of kind PROTOCOL.
   */
  public EventPage events(long since, int timeoutSeconds) throws SyncthingException {
    String path = "/rest/events";
    try (Response response = call(path, "since=" + since + "&timeout=" + timeoutSeconds)) {
      ResponseBody body = response.body();
      if (!response.isSuccessful()) {
        throw failure(path, response.code(), body == null ? "" : boundedText(body));
      }
      if (body == null) {
        throw malformed(path, "no body");
      }
      return EventStream.read(new LimitedInputStream(body.byteStream(), MAX_EVENTS_BYTES, EventStream.Cut::new),
          MAX_EVENTS, path);
    } catch (SyncthingException e) {
      throw e;
    } catch (ConnectException e) {
      throw new SyncthingException(SyncthingException.Kind.UNREACHABLE, "cannot connect to " + where(path), e);
    } catch (IOException e) {
      throw new SyncthingException(SyncthingException.Kind.UNREACHABLE, where(path) + ": " + e.getMessage(), e);
    }
  }

  /** Events answers beyond this are cut (Syncthing buffers 1,000 events; a few MB at most). */
  static final long MAX_EVENTS_BYTES = 8L << 20;
  static final int MAX_EVENTS = 10_000;
  /** Any other answer beyond this is malformed (folder lists of hundreds of folders stay well below). */
  static final int MAX_ANSWER_BYTES = 8 << 20;

  static SyncthingException malformed(String path, String what) {
    return new SyncthingException(SyncthingException.Kind.MALFORMED, "malformed answer from " + path + ": " + what, null);
  }

  private JsonNode get(String path, String query) throws SyncthingException {
    try (Response response = call(path, query)) {
      ResponseBody body = response.body();
      String text = body == null ? "" : boundedText(body);
      if (response.isSuccessful()) {
        return text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
      }
      throw failure(path, response.code(), text.strip());
    } catch (SyncthingException e) {
      throw e;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw malformed(path, "not JSON (" + e.getOriginalMessage() + ")");
    } catch (ConnectException e) {
      throw new SyncthingException(SyncthingException.Kind.UNREACHABLE, "cannot connect to " + where(path), e);
    } catch (IOException e) {
      throw new SyncthingException(SyncthingException.Kind.UNREACHABLE, where(path) + ": " + e.getMessage(), e);
    }
  }

  private Response call(String path, String query) throws IOException {
    HttpUrl.Builder url = base.newBuilder().encodedPath(path);
    if (query != null) {
      url.encodedQuery(query);
    }
    Request request = new Request.Builder().url(url.build()).header("X-API-Key", apiKey).get().build();
    return http.newCall(request).execute();
  }

  /** The body as text, at most {@link #MAX_ANSWER_BYTES}: an answer larger than that is malformed. */
  private static String boundedText(ResponseBody body) throws IOException {
    byte[] bytes = body.byteStream().readNBytes(MAX_ANSWER_BYTES + 1);
    if (bytes.length > MAX_ANSWER_BYTES) {
      throw new SyncthingException(SyncthingException.Kind.MALFORMED, "an answer larger than "
          + (MAX_ANSWER_BYTES >> 20) + " MiB", null);
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private String where(String path) {
    return where(base.newBuilder().encodedPath(path).build());
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
