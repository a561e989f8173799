package dev.keepsake.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.keepsake.ingest.IngestQueue;
import dev.keepsake.ingest.ServiceStats;
import dev.keepsake.source.Source;
import dev.keepsake.source.SourcePaths;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Serves the service's state on {@code server.listen}. {@code POST /api/ingest} takes
 * {@code {"folder": "<syncthing folder id>" | "source": "<name>", "paths": ["DCIM/IMG_1.jpg", …]}};
 * when the server listens beyond loopback it also wants {@code Authorization: Bearer <token>}.
 */
public final class StatusServer implements AutoCloseable {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(StatusServer.class);
  static {
    // The JDK server closes a connection whose request is not read whole within maxReqTime, or whose
    // answer is not taken within maxRspTime (seconds). Without them a client that sends headers and
    // never its body holds a handler thread for ever. Read once, when the first server is made.
    System.setProperty("sun.net.httpserver.maxReqTime", System.getProperty("sun.net.httpserver.maxReqTime", "5"));
    System.setProperty("sun.net.httpserver.maxRspTime", System.getProperty("sun.net.httpserver.maxRspTime", "10"));
  }

  /** Handler threads: enough that a few stuck clients leave the rest answered; beyond it new ones are closed. */
  private static final int MAX_THREADS = 32;
  private static final int MAX_BODY_BYTES = 1 << 20;
  /** Syncthing unreachable longer than this makes {@code /healthz} answer 503. */
  static final Duration SYNCTHING_DOWN_TOO_LONG = Duration.ofMinutes(15);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer http;
  private final ServiceStats stats;
  private final IngestQueue queue;
  private final Map<String, Source> sources;
  private final Map<String, String> folderToSource;
  private final Clock clock;
  private final String token;
  private final java.time.ZoneId zone;
  private final java.util.function.Supplier<java.util.List<dev.keepsake.ledger.IncidentRow>> incidents;

  /**
   * @param folderToSource Syncthing folder id → source name
   * @param token required on {@code POST /api/ingest} when not on loopback; null for none
   */
  public StatusServer(InetSocketAddress listen, ServiceStats stats, IngestQueue queue, Map<String, Source> sources,
      Map<String, String> folderToSource, Clock clock, String token) throws IOException {
    this(listen, stats, queue, sources, folderToSource, clock, token, clock.getZone(), java.util.List::of);
  }

  /**
   * @param zone the archive's zone: times people read are in it, labelled
   * @param incidents the incidents on record (the ledger), for {@code /api/status}
   */
  public StatusServer(InetSocketAddress listen, ServiceStats stats, IngestQueue queue, Map<String, Source> sources,
      Map<String, String> folderToSource, Clock clock, String token, java.time.ZoneId zone,
      java.util.function.Supplier<java.util.List<dev.keepsake.ledger.IncidentRow>> incidents) throws IOException {
    this.zone = zone;
    this.incidents = incidents;
    this.stats = stats;
    this.queue = queue;
    this.sources = sources;
    this.folderToSource = folderToSource;
    this.clock = clock;
    this.token = token;
    this.http = HttpServer.create(listen, 16);
    ThreadPoolExecutor handlers = new ThreadPoolExecutor(2, MAX_THREADS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
      Thread t = new Thread(r, "keepsake-http");
      t.setDaemon(true);
      return t;
    }); // all busy: the connection is refused (closed) rather than queued behind stuck ones
    http.setExecutor(handlers);
    http.createContext("/healthz", this::healthz);
    http.createContext("/metrics", this::metrics);
    http.createContext("/api/status", this::status);
    http.createContext("/api/ingest", this::ingest);
    http.createContext("/", this::page); // the status page, its stylesheet, thumbnails; anything else is a 404
    http.createContext("/api/files", this::files);
    http.start();
  }

  /** Shows the archive on the page and {@code /api/files} (until then they answer 503). */
  public void show(ArchiveView view, dev.keepsake.fs.ConfinedRoot archive, String host) {
    this.view = view;
    this.thumbnails = new Thumbnails(archive);
    this.host = host;
  }

  private volatile ArchiveView view;
  private volatile Thumbnails thumbnails;
  private volatile String host = "";

  /** Locks the page down: nothing but its own stylesheet and images, no script, no framing, no referrer. */
  private static final String PAGE_POLICY = "default-src 'none'; img-src 'self'; style-src 'self'; form-action 'self';"
      + " base-uri 'none'; frame-ancestors 'none'";

  private void page(HttpExchange ex) throws IOException {
    try {
      pageOrPart(ex);
    } catch (IOException e) {
      throw e;
    } catch (Throwable bug) { // one bad page never takes the server down, nor leaves the browser waiting
      log.warn("the status page failed: {}", bug.toString());
      try {
        send(ex, 500, "text/plain", "the status page failed: " + bug.getClass().getSimpleName() + " (logged; /api/status still works)\n");
      } catch (IOException | RuntimeException gone) {
        ex.close();
      }
    }
  }

  private void pageOrPart(HttpExchange ex) throws IOException {
    if (!viewAllowed(ex)) {
      return;
    }
    String path = ex.getRequestURI().getRawPath();
    ex.getResponseHeaders().set("Content-Security-Policy", PAGE_POLICY);
    ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    ex.getResponseHeaders().set("Referrer-Policy", "no-referrer");
    ArchiveView v = view;
    if (path.equals("/page.css")) {
      try (var in = StatusServer.class.getResourceAsStream("page.css")) {
        ex.getResponseHeaders().set("Cache-Control", "max-age=3600");
        send(ex, 200, "text/css", new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
      return;
    }
    if (!"GET".equals(ex.getRequestMethod()) && !"HEAD".equals(ex.getRequestMethod())) {
      send(ex, 405, "text/plain", "the page is read-only: GET\n");
      return;
    }
    if (v == null) {
      send(ex, 503, "text/plain", "the archive is not open yet\n");
      return;
    }
    if (path.startsWith("/thumb/")) {
      thumb(ex, v, path.substring("/thumb/".length()));
      return;
    }
    if (!path.equals("/")) {
      send(ex, 404, "text/plain", "not found: " + SourcePaths.printable(path) + " (the page is at /)\n");
      return;
    }
    String q = queryParam(ex.getRequestURI().getRawQuery(), "q");
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    send(ex, 200, "text/html", StatusPage.render(stats, sources, incidents.get(), v, zone, clock.instant(), healthProblem(),
        host, q));
  }

  private void thumb(HttpExchange ex, ArchiveView v, String hash) throws IOException {
    if (!hash.matches("[0-9a-f]{64}")) {
      send(ex, 404, "text/plain", "not a content hash\n");
      return;
    }
    String archivePath = v.archivePathOf(hash);
    if (archivePath == null) {
      send(ex, 404, "text/plain", "no such content\n");
      return;
    }
    byte[] jpeg = thumbnails.of(archivePath);
    ex.getResponseHeaders().set("Cache-Control", "max-age=86400"); // a content's preview never changes
    if (jpeg == null) {
      String lower = archivePath.toLowerCase(Locale.ROOT);
      String label = lower.matches(".*\\.(mp4|mov|m4v|3gp|mkv|webm|avi|mts|m2ts)$") ? "video"
          : lower.matches(".*\\.(heic|heif|avif)$") ? "HEIC photo" : "no preview";
      send(ex, 200, "image/svg+xml", Thumbnails.placeholder(label));
      return;
    }
    ex.getResponseHeaders().set("Content-Type", "image/jpeg");
    ex.sendResponseHeaders(200, jpeg.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(jpeg);
    }
  }

  /** {@code GET /api/files?q=…}: every step of each file the question names, as JSON. */
  private void files(HttpExchange ex) throws IOException {
    if (!viewAllowed(ex)) {
      return;
    }
    ArchiveView v = view;
    if (v == null) {
      send(ex, 503, "text/plain", "the archive is not open yet\n");
      return;
    }
    String q = queryParam(ex.getRequestURI().getRawQuery(), "q");
    if (q == null || q.isBlank()) {
      send(ex, 400, "text/plain", "GET /api/files?q=NAME-OR-PATH (a source path, an archive path or a file name)\n");
      return;
    }
    ObjectNode root = JSON.createObjectNode();
    root.put("q", q);
    ArrayNode list = root.putArray("files");
    for (ArchiveView.FoundFile f : v.find(q)) {
      ObjectNode o = list.addObject();
      o.put("title", f.title());
      f.story().forEach(o.putArray("story")::add);
      var e = f.entry();
      if (e.content() != null) {
        o.put("archivePath", e.content().archivePath());
        o.put("hash", e.content().hash().hex());
        o.put("bytes", e.content().bytes());
        o.put("type", e.content().type().label());
        o.put("captureLocal", e.content().date().local().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        o.put("captureOrigin", e.content().date().origin().label());
        var zone = e.content().date().zone();
        o.put("captureZone", zone == null || zone.zone() == null ? null : zone.zone().getId());
        o.put("captureZoneWhy", zone == null ? null : zone.reasonLabel());
        o.put("archivedAt", e.content().ingestedAt().toString());
        o.put("beatenDates", e.note() == null ? null : e.note().beatenDates());
        o.put("rescuedFrom", e.note() == null ? null : e.note().rescuedFrom());
      }
      o.put("forgottenAt", e.forgotten() == null ? null : e.forgotten().at().toString());
      ArrayNode src = o.putArray("sources");
      for (var row : e.sources()) {
        src.addObject().put("source", row.source()).put("path", row.path())
            .put("state", row.state() == null ? null : row.state().name().toLowerCase(Locale.ROOT))
            .put("firstSeen", row.firstSeen() == null ? null : row.firstSeen().toString())
            .put("leftSource", row.removedAt() == null ? null : row.removedAt().toString());
      }
      ArrayNode failures = o.putArray("failures");
      for (var a : e.attempts()) {
        failures.addObject().put("source", a.source()).put("path", a.path()).put("kind", a.kind()).put("outcome", a.outcome())
            .put("at", a.at().toString());
      }
      ArrayNode waiting = o.putArray("waiting");
      for (var p : e.pending()) {
        waiting.addObject().put("source", p.source()).put("path", p.path()).put("kind", p.kind()).put("message", p.message())
            .put("failures", p.failures()).put("nextRetry", p.nextAt().toString());
      }
    }
    send(ex, 200, "application/json", JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
  }

  /**
   * The page and file history show the owner's paths: on loopback anyone on this machine may look
   * (as at /api/status); beyond it, only with the token, as a bearer or as the password of HTTP
   * Basic (so a browser asks for it).
   */
  private boolean viewAllowed(HttpExchange ex) throws IOException {
    if (!hostAllowed(ex)) {
      return false;
    }
    boolean loopback = ex.getRemoteAddress().getAddress().isLoopbackAddress() && http.getAddress().getAddress().isLoopbackAddress();
    if (loopback) {
      return true;
    }
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    if (token != null && auth != null) {
      if (java.security.MessageDigest.isEqual(("Bearer " + token).getBytes(StandardCharsets.UTF_8), auth.getBytes(StandardCharsets.UTF_8))) {
        return true;
      }
      if (auth.regionMatches(true, 0, "Basic ", 0, 6)) {
        try {
          String pair = new String(java.util.Base64.getDecoder().decode(auth.substring(6).trim()), StandardCharsets.UTF_8);
          String password = pair.substring(pair.indexOf(':') + 1);
          if (java.security.MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), password.getBytes(StandardCharsets.UTF_8))) {
            return true;
          }
        } catch (IllegalArgumentException notBase64) {
          // refused below
        }
      }
    }
    if (token == null) {
      send(ex, 403, "text/plain", "the status page beyond loopback needs server.token-file (then log in with the token as password)\n");
    } else {
      ex.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"keepsake\", charset=\"UTF-8\"");
      send(ex, 401, "text/plain", "log in with the token of server.token-file as the password (any user name)\n");
    }
    return false;
  }

  /** An instant for JSON: ISO-8601 UTC to the millisecond (no nanosecond noise from the clock). */
  private static String iso(Instant t) {
    return t.truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString();
  }

  /** The value of {@code name} in a raw query string, URL-decoded; null when absent. */
  static String queryParam(String rawQuery, String name) {
    if (rawQuery == null) {
      return null;
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      if (key.equals(name)) {
        try {
          return java.net.URLDecoder.decode(eq < 0 ? "" : pair.substring(eq + 1), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
          return null;
        }
      }
    }
    return null;
  }

  public InetSocketAddress address() {
    return http.getAddress();
  }

  private void healthz(HttpExchange ex) throws IOException {
    if (!hostAllowed(ex)) {
      return;
    }
    String problem = healthProblem();
    send(ex, problem == null ? 200 : 503, "text/plain", problem == null ? "ok\n" : problem + "\n");
  }

  /** Why the service is not healthy, or null. */
  public String healthProblem() {
    if (stats.archiveProblem() != null) {
      return stats.archiveProblem();
    }
    if (stats.ingestProblem() != null) {
      return stats.ingestProblem();
    }
    Instant down = stats.syncthingDownSince();
    if (stats.syncthingConfiguredFlag() && down != null
        && Duration.between(down, clock.instant()).compareTo(SYNCTHING_DOWN_TOO_LONG) > 0) {
      return "Syncthing unreachable since " + down + ": " + stats.syncthingProblem();
    }
    return null;
  }

  private void metrics(HttpExchange ex) throws IOException {
    if (!hostAllowed(ex)) {
      return;
    }
    StringBuilder m = new StringBuilder();
    m.append("# HELP keepsake_archived_files_total Files copied into the archive.\n# TYPE keepsake_archived_files_total counter\n");
    stats.sources().forEach((s, c) -> line(m, "keepsake_archived_files_total", s, c.archivedFiles.get()));
    m.append("# HELP keepsake_archived_bytes_total Bytes copied into the archive.\n# TYPE keepsake_archived_bytes_total counter\n");
    stats.sources().forEach((s, c) -> line(m, "keepsake_archived_bytes_total", s, c.archivedBytes.get()));
    m.append("# HELP keepsake_duplicates_total Files whose content was already archived.\n# TYPE keepsake_duplicates_total counter\n");
    stats.sources().forEach((s, c) -> line(m, "keepsake_duplicates_total", s, c.duplicates.get()));
    m.append("# HELP keepsake_failures_total Files that could not be archived, by kind.\n# TYPE keepsake_failures_total counter\n");
    stats.sources().forEach((s, c) -> c.failures.forEach((kind, n) ->
        m.append("keepsake_failures_total{source=\"").append(escape(s)).append("\",kind=\"").append(escape(kind))
            .append("\"} ").append(n.get()).append('\n')));
    m.append("# HELP keepsake_waiting_files Media files seen in the source and not yet archived (settling, queued, retrying).\n"
        + "# TYPE keepsake_waiting_files gauge\n");
    sources.keySet().forEach(s -> line(m, "keepsake_waiting_files", s,
        stats.truth(s) == null ? 0 : stats.truth(s).waitingFiles()));
    m.append("# HELP keepsake_safe_through_timestamp_seconds Everything of the source up to this time is in the archive"
        + " (absent while unknown).\n# TYPE keepsake_safe_through_timestamp_seconds gauge\n");
    sources.keySet().forEach(s -> {
      Instant safe = stats.safeThrough(s);
      if (safe != null) {
        line(m, "keepsake_safe_through_timestamp_seconds", s, safe.getEpochSecond());
      }
    });
    m.append("# HELP keepsake_queue_depth Paths and reconciles waiting.\n# TYPE keepsake_queue_depth gauge\n");
    m.append("keepsake_queue_depth ").append(queue.depth()).append('\n');
    m.append("# HELP keepsake_last_ingest_timestamp_seconds When a file was last archived.\n# TYPE keepsake_last_ingest_timestamp_seconds gauge\n");
    m.append("keepsake_last_ingest_timestamp_seconds ").append(stats.lastIngest() == null ? 0 : stats.lastIngest().getEpochSecond()).append('\n');
    m.append("# HELP keepsake_ingest_rounds_total Rounds of the ingest loop (passes, idle looks, skipped while the archive is gone).\n"
        + "# TYPE keepsake_ingest_rounds_total counter\n");
    m.append("keepsake_ingest_rounds_total ").append(stats.rounds()).append('\n');
    m.append("# HELP keepsake_notifier_ticks_total Rounds of the notifier (checks, digest policy, sends).\n"
        + "# TYPE keepsake_notifier_ticks_total counter\n");
    m.append("keepsake_notifier_ticks_total ").append(stats.notifierTicks()).append('\n');
    m.append("# HELP keepsake_syncthing_connected Whether Syncthing answers (1) or not (0).\n# TYPE keepsake_syncthing_connected gauge\n");
    m.append("keepsake_syncthing_connected ").append(stats.syncthingConnected() ? 1 : 0).append('\n');
    m.append("# HELP keepsake_syncthing_event_lag_seconds Age of the newest Syncthing event when it was handled.\n# TYPE keepsake_syncthing_event_lag_seconds gauge\n");
    m.append("keepsake_syncthing_event_lag_seconds ").append(String.format(Locale.ROOT, "%.3f", stats.eventLagSeconds())).append('\n');
    send(ex, 200, "text/plain; version=0.0.4", m.toString());
  }

  private static void line(StringBuilder m, String name, String source, long value) {
    m.append(name).append("{source=\"").append(escape(source)).append("\"} ").append(value).append('\n');
  }

  private static String escape(String label) {
    return label.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  private void status(HttpExchange ex) throws IOException {
    if (!hostAllowed(ex)) {
      return;
    }
    ObjectNode root = JSON.createObjectNode();
    root.put("started", stats.started().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
    root.put("healthy", healthProblem() == null);
    if (healthProblem() != null) {
      root.put("problem", healthProblem());
    }
    root.put("queueDepth", queue.depth());
    root.put("lastIngest", stats.lastIngest() == null ? null : iso(stats.lastIngest()));
    ObjectNode syncthing = root.putObject("syncthing");
    syncthing.put("configured", stats.syncthingConfiguredFlag());
    syncthing.put("connected", stats.syncthingConnected());
    if (stats.syncthingProblem() != null) {
      syncthing.put("problem", stats.syncthingProblem());
    }
    root.put("zone", zone.getId());
    ArrayNode list = root.putArray("sources");
    Instant now = clock.instant();
    sources.values().forEach(s -> {
      ServiceStats.SourceCounters c = stats.source(s.name());
      dev.keepsake.ingest.SourceTruth t = stats.truth(s.name());
      ObjectNode o = list.addObject();
      o.put("name", s.name());
      o.put("path", s.root().toString());
      o.put("safeLine", Safety.line(stats, s.name(), zone, now));
      Instant safe = stats.safeThrough(s.name());
      o.put("safeThrough", safe == null ? null : iso(safe));
      o.put("archivedFiles", t == null ? c.archivedFiles.get() : t.archivedFiles());
      o.put("waitingFiles", t == null ? 0 : t.waitingFiles());
      o.put("oldestWaiting", t == null || t.oldestWaiting() == null ? null : iso(t.oldestWaiting()));
      o.put("lastArrival", t == null || t.lastArrival() == null ? null : iso(t.lastArrival()));
      o.put("nextRetry", t == null || t.nextRetry() == null ? null : iso(t.nextRetry()));
      ServiceStats.PhoneSync phone = stats.phoneSync(s.name());
      if (phone != null) {
        ObjectNode p = o.putObject("phone");
        p.put("connected", phone.connected());
        p.put("lastSynced", phone.inSyncAt() == null ? null : iso(phone.inSyncAt()));
      }
      o.put("archivedSinceStart", c.archivedFiles.get());
      o.put("archivedBytes", c.archivedBytes.get());
      o.put("duplicates", c.duplicates.get());
      ArchiveView archived = view;
      ArrayNode lost = o.putArray("lostRecently"); // left the source unarchived in the last 30 days (at most 5)
      if (archived != null) {
        archived.recentLosses(s.name()).forEach(l -> lost.addObject().put("path", l.path()).put("kind", l.kind()).put("at", l.at().toString()));
      }
      ObjectNode f = o.putObject("failures");
      c.failures.forEach((k, v) -> f.put(k, v.get()));
    });
    ArrayNode unplaced = root.putArray("unplacedSources"); // configured, folder unknown: nothing archived
    stats.unplaced().forEach((name, why) -> unplaced.addObject().put("name", name).put("why", why));
    ArrayNode open = root.putArray("openIncidents");
    for (dev.keepsake.ledger.IncidentRow row : incidents.get()) {
      dev.keepsake.notify.Fingerprint fp = dev.keepsake.notify.Fingerprint.fromKey(row.fingerprint());
      ObjectNode i = open.addObject();
      i.put("kind", fp.kind());
      i.put("source", fp.source().isEmpty() ? null : fp.source());
      i.put("pattern", fp.pattern().isEmpty() ? null : fp.pattern());
      i.put("count", row.count());
      row.samples().forEach(i.putArray("paths")::add);
      i.put("since", row.firstSeen().toString());
      i.put("message", row.message());
      i.put("cleared", row.clearedAt() != null);
    }
    send(ex, 200, "application/json", JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
  }

  private void ingest(HttpExchange ex) throws IOException {
    if (!"POST".equals(ex.getRequestMethod())) {
      send(ex, 405, "text/plain", "use POST with {\"folder\" or \"source\", \"paths\": [...]}\n");
      return;
    }
    boolean bearer = token != null && ("Bearer " + token).equals(ex.getRequestHeaders().getFirst("Authorization"));
    boolean loopback = ex.getRemoteAddress().getAddress().isLoopbackAddress() && http.getAddress().getAddress().isLoopbackAddress();
    if (!loopback && !bearer) {
      send(ex, 403, "text/plain", "POST /api/ingest beyond loopback needs Authorization: Bearer <server.token-file>\n");
      return;
    }
    if (!bearer && !(isLoopbackHost(ex.getRequestHeaders().getFirst("Host")) && originAllowed(ex.getRequestHeaders().getFirst("Origin")))) {
      // a web page in the owner's browser (or one that rebinds its DNS name to 127.0.0.1) must not post here
      send(ex, 403, "text/plain", "POST /api/ingest needs a loopback Host (127.0.0.1, localhost, [::1]) and no foreign"
          + " Origin, or Authorization: Bearer <server.token-file>\n");
      return;
    }
    String type = String.valueOf(ex.getRequestHeaders().getFirst("Content-Type")).toLowerCase(Locale.ROOT);
    if (!type.startsWith("application/json")) {
      send(ex, 415, "text/plain", "POST /api/ingest takes Content-Type: application/json\n");
      return;
    }
    byte[] raw = ex.getRequestBody().readNBytes(MAX_BODY_BYTES + 1);
    if (raw.length > MAX_BODY_BYTES) {
      send(ex, 413, "text/plain", "body larger than " + (MAX_BODY_BYTES >> 20) + " MiB; send fewer paths per call\n");
      return;
    }
    JsonNode body;
    try {
      body = raw.length == 0 ? null : JSON.readTree(raw);
    } catch (IOException bad) {
      send(ex, 400, "text/plain", "body is not JSON: " + bad.getMessage() + "\n");
      return;
    }
    String wrong = wrongTypes(body);
    if (wrong != null) {
      send(ex, 400, "text/plain", wrong + "; send {\"folder\": \"<id>\" or \"source\": \"<name>\", \"paths\": [\"DCIM/IMG_1.jpg\", …]}\n");
      return;
    }
    String name = body.path("source").asText(null);
    if (name == null && body.hasNonNull("folder")) {
      name = folderToSource.get(body.path("folder").asText());
    }
    if (name == null || !sources.containsKey(name)) {
      send(ex, 404, "text/plain", "no source named by \"source\" or \"folder\" in " + body + "; known sources: " + sources.keySet() + "\n");
      return;
    }
    int taken = 0;
    int refusedCount = 0;
    StringBuilder refused = new StringBuilder();
    JsonNode paths = body.path("paths");
    if (paths.isEmpty()) {
      queue.reconcile(name);
    }
    for (JsonNode p : paths) {
      String path = p.asText();
      String problem = SourcePaths.problem(path);
      if (problem != null) {
        refused.append("  ").append(SourcePaths.printable(path)).append(": ").append(problem).append('\n');
        refusedCount++;
      } else {
        queue.offer(name, SourcePaths.normalize(path));
        taken++;
      }
    }
    // Any refused path makes the answer a 400 (the caller sent something wrong), but the good paths
    // are queued all the same, and the body says which went where.
    send(ex, refusedCount == 0 ? 202 : 400, "text/plain",
        "queued " + (paths.isEmpty() ? "a reconcile of " + name : taken + " path(s) of " + name) + "\n"
            + (refusedCount == 0 ? "" : "refused " + refusedCount + " path(s):\n" + refused));
  }

  /** What is wrong with the shape of an ingest body, or null: an object, strings, an array of strings. */
  static String wrongTypes(JsonNode body) {
    if (body == null || body.isMissingNode()) {
      return "the body is empty: it must be a JSON object";
    }
    if (!body.isObject()) {
      return "the body must be a JSON object, not " + body.getNodeType().toString().toLowerCase(Locale.ROOT);
    }
    for (String field : new String[] {"source", "folder"}) {
      if (body.has(field) && !body.get(field).isTextual() && !body.get(field).isNull()) {
        return "\"" + field + "\" must be a string";
      }
    }
    JsonNode paths = body.get("paths");
    if (paths != null && !paths.isNull()) {
      if (!paths.isArray()) {
        return "\"paths\" must be an array of strings (a single path goes in [\"…\"])";
      }
      for (JsonNode p : paths) {
        if (!p.isTextual()) {
          return "\"paths\" must hold strings only";
        }
      }
    }
    return null;
  }

  /**
   * On a loopback server every request must name a loopback host: a foreign {@code Host} is a page
   * whose DNS name was rebound to 127.0.0.1 (answered 403). Beyond loopback any host is fine.
   */
  private boolean hostAllowed(HttpExchange ex) throws IOException {
    if (!http.getAddress().getAddress().isLoopbackAddress() || isLoopbackHost(ex.getRequestHeaders().getFirst("Host"))) {
      return true;
    }
    send(ex, 403, "text/plain", "this server answers only to a loopback Host (127.0.0.1, localhost, [::1])\n");
    return false;
  }

  static boolean isLoopbackHost(String host) {
    if (host == null) {
      return false;
    }
    String h = host.trim().toLowerCase(Locale.ROOT);
    if (h.startsWith("[")) {
      int close = h.indexOf(']');
      return close > 0 && h.substring(1, close).equals("::1") && (close == h.length() - 1 || portOnly(h.substring(close + 1)));
    }
    int colon = h.indexOf(':');
    String name = colon < 0 ? h : h.substring(0, colon);
    return (name.equals("localhost") || name.equals("127.0.0.1")) && (colon < 0 || portOnly(h.substring(colon)));
  }

  private static boolean portOnly(String rest) {
    return rest.length() > 1 && rest.charAt(0) == ':' && rest.substring(1).chars().allMatch(Character::isDigit);
  }

  /** No {@code Origin} (a script, curl, the hook), or one on loopback itself. */
  static boolean originAllowed(String origin) {
    if (origin == null) {
      return true;
    }
    String o = origin.trim().toLowerCase(Locale.ROOT);
    return (o.startsWith("http://") || o.startsWith("https://")) && isLoopbackHost(o.substring(o.indexOf("//") + 2));
  }

  private static void send(HttpExchange ex, int code, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type + (type.contains("charset") ? "" : "; charset=utf-8"));
    ex.sendResponseHeaders(code, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    http.stop(0);
  }
}
