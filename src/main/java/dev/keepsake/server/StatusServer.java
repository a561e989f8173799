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
import java.util.concurrent.Executors;

/**
 * Serves the service's state on {@code server.listen}. {@code POST /api/ingest} takes
 * {@code {"folder": "<syncthing folder id>" | "source": "<name>", "paths": ["DCIM/IMG_1.jpg", …]}};
 * when the server listens beyond loopback it also wants {@code Authorization: Bearer <token>}.
 */
public final class StatusServer implements AutoCloseable {
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

  /**
   * @param folderToSource Syncthing folder id → source name
   * @param token required on {@code POST /api/ingest} when not on loopback; null for none
   */
  public StatusServer(InetSocketAddress listen, ServiceStats stats, IngestQueue queue, Map<String, Source> sources,
      Map<String, String> folderToSource, Clock clock, String token) throws IOException {
    this.stats = stats;
    this.queue = queue;
    this.sources = sources;
    this.folderToSource = folderToSource;
    this.clock = clock;
    this.token = token;
    this.http = HttpServer.create(listen, 16);
    http.setExecutor(Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "keepsake-http");
      t.setDaemon(true);
      return t;
    }));
    http.createContext("/healthz", this::healthz);
    http.createContext("/metrics", this::metrics);
    http.createContext("/api/status", this::status);
    http.createContext("/api/ingest", this::ingest);
    http.start();
  }

  public InetSocketAddress address() {
    return http.getAddress();
  }

  private void healthz(HttpExchange ex) throws IOException {
    String problem = healthProblem();
    send(ex, problem == null ? 200 : 503, "text/plain", problem == null ? "ok\n" : problem + "\n");
  }

  /** Why the service is not healthy, or null. */
  String healthProblem() {
    if (stats.archiveProblem() != null) {
      return stats.archiveProblem();
    }
    Instant down = stats.syncthingDownSince();
    if (stats.syncthingConfiguredFlag() && down != null
        && Duration.between(down, clock.instant()).compareTo(SYNCTHING_DOWN_TOO_LONG) > 0) {
      return "Syncthing unreachable since " + down + ": " + stats.syncthingProblem();
    }
    return null;
  }

  private void metrics(HttpExchange ex) throws IOException {
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
    m.append("# HELP keepsake_queue_depth Paths and reconciles waiting.\n# TYPE keepsake_queue_depth gauge\n");
    m.append("keepsake_queue_depth ").append(queue.depth()).append('\n');
    m.append("# HELP keepsake_last_ingest_timestamp_seconds When a file was last archived.\n# TYPE keepsake_last_ingest_timestamp_seconds gauge\n");
    m.append("keepsake_last_ingest_timestamp_seconds ").append(stats.lastIngest() == null ? 0 : stats.lastIngest().getEpochSecond()).append('\n');
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
    ObjectNode root = JSON.createObjectNode();
    root.put("started", stats.started().toString());
    root.put("healthy", healthProblem() == null);
    if (healthProblem() != null) {
      root.put("problem", healthProblem());
    }
    root.put("queueDepth", queue.depth());
    root.put("lastIngest", stats.lastIngest() == null ? null : stats.lastIngest().toString());
    ObjectNode syncthing = root.putObject("syncthing");
    syncthing.put("configured", stats.syncthingConfiguredFlag());
    syncthing.put("connected", stats.syncthingConnected());
    if (stats.syncthingProblem() != null) {
      syncthing.put("problem", stats.syncthingProblem());
    }
    ArrayNode list = root.putArray("sources");
    sources.values().forEach(s -> {
      ServiceStats.SourceCounters c = stats.source(s.name());
      ObjectNode o = list.addObject();
      o.put("name", s.name());
      o.put("path", s.root().toString());
      o.put("archivedFiles", c.archivedFiles.get());
      o.put("archivedBytes", c.archivedBytes.get());
      o.put("duplicates", c.duplicates.get());
      ObjectNode f = o.putObject("failures");
      c.failures.forEach((k, v) -> f.put(k, v.get()));
    });
    send(ex, 200, "application/json", JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
  }

  private void ingest(HttpExchange ex) throws IOException {
    if (!"POST".equals(ex.getRequestMethod())) {
      send(ex, 405, "text/plain", "use POST with {\"folder\" or \"source\", \"paths\": [...]}\n");
      return;
    }
    boolean loopback = ex.getRemoteAddress().getAddress().isLoopbackAddress() && http.getAddress().getAddress().isLoopbackAddress();
    if (!loopback && (token == null || !("Bearer " + token).equals(ex.getRequestHeaders().getFirst("Authorization")))) {
      send(ex, 403, "text/plain", "POST /api/ingest beyond loopback needs Authorization: Bearer <server.token-file>\n");
      return;
    }
    JsonNode body;
    try {
      body = JSON.readTree(ex.getRequestBody().readNBytes(1 << 20));
    } catch (IOException bad) {
      send(ex, 400, "text/plain", "body is not JSON: " + bad.getMessage() + "\n");
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
        queue.offer(name, path);
        taken++;
      }
    }
    // Any refused path makes the answer a 400 (the caller sent something wrong), but the good paths
    // are queued all the same, and the body says which went where.
    send(ex, refusedCount == 0 ? 202 : 400, "text/plain",
        "queued " + (paths.isEmpty() ? "a reconcile of " + name : taken + " path(s) of " + name) + "\n"
            + (refusedCount == 0 ? "" : "refused " + refusedCount + " path(s):\n" + refused));
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
