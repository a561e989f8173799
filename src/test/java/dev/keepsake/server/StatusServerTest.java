package dev.keepsake.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keepsake.ingest.IngestQueue;
import dev.keepsake.ingest.ServiceStats;
import dev.keepsake.source.Source;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class StatusServerTest {
  @TempDir Path phone;
  final Instant now = Instant.parse("2026-11-26T12:00:00Z");
  final ServiceStats stats = new ServiceStats(now);
  final IngestQueue queue = new IngestQueue(100);
  StatusServer server;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    server = new StatusServer(new InetSocketAddress("127.0.0.1", 0), stats, queue,
        Map.of("pixel", Source.of("pixel", phone)), Map.of("phone-camera", "pixel"),
        Clock.fixed(now, ZoneOffset.UTC), null);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.address().getPort() + path);
  }

  @Test
  void healthzIsOkUntilSyncthingIsDownForLongOrTheArchiveIsGone() throws Exception {
    assertThat(get("/healthz").statusCode()).isEqualTo(200);
    stats.syncthingConfigured();
    stats.syncthing("cannot connect", now.minus(Duration.ofMinutes(5)));
    assertThat(get("/healthz").statusCode()).isEqualTo(200);
    stats.syncthing("cannot connect", now.minus(Duration.ofMinutes(20)));
    stats.syncthing(null, now);
    stats.syncthing("cannot connect", now.minus(Duration.ofMinutes(20)));
    HttpResponse<String> down = get("/healthz");
    assertThat(down.statusCode()).isEqualTo(503);
    assertThat(down.body()).contains("Syncthing unreachable");
    stats.syncthing(null, now);
    stats.archiveProblem("archive root /srv/archive is missing (disk unmounted?)");
    assertThat(get("/healthz").statusCode()).isEqualTo(503);
  }

  @Test
  void metricsArePrometheusText() throws Exception {
    stats.source("pixel").archivedFiles.set(3);
    stats.source("pixel").failures.computeIfAbsent("permission-denied", k -> new java.util.concurrent.atomic.AtomicLong()).set(2);
    String metrics = get("/metrics").body();
    assertThat(metrics).contains("# TYPE keepsake_archived_files_total counter")
        .contains("keepsake_archived_files_total{source=\"pixel\"} 3")
        .contains("keepsake_failures_total{source=\"pixel\",kind=\"permission-denied\"} 2")
        .contains("keepsake_queue_depth 0");
  }

  @Test
  void ingestTakesPathsByFolderOrSourceAndRefusesEscapes() throws Exception {
    assertThat(post("/api/ingest", "{\"folder\":\"phone-camera\",\"paths\":[\"DCIM/IMG_1.jpg\"]}").statusCode()).isEqualTo(202);
    assertThat(post("/api/ingest", "{\"source\":\"pixel\",\"paths\":[\"DCIM/IMG_2.jpg\"]}").statusCode()).isEqualTo(202);
    HttpResponse<String> refused = post("/api/ingest", "{\"source\":\"pixel\",\"paths\":[\"../../etc/passwd\",\"/etc/shadow\"]}");
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("climbs out").contains("absolute");
    assertThat(post("/api/ingest", "{\"source\":\"nope\",\"paths\":[]}").statusCode()).isEqualTo(404);
    assertThat(get("/api/ingest").statusCode()).isEqualTo(405);
    assertThat(queue.take(Duration.ZERO).paths().get("pixel")).containsExactly("DCIM/IMG_1.jpg", "DCIM/IMG_2.jpg");
  }

  @Test
  void statusIsJson() throws Exception {
    assertThat(get("/api/status").body()).contains("\"healthy\" : true").contains("\"name\" : \"pixel\"");
  }

  @Test
  void passesThatKeepFailingMakeHealthz503UntilOneEndsWell() throws Exception {
    stats.passFailed("dev.keepsake.ledger.LedgerException: disk I/O error", now);
    assertThat(get("/healthz").statusCode()).as("one failed pass may be a blip").isEqualTo(200);
    stats.passFailed("dev.keepsake.ledger.LedgerException: disk I/O error", now.plusSeconds(60));
    HttpResponse<String> failing = get("/healthz");
    assertThat(failing.statusCode()).isEqualTo(503);
    assertThat(failing.body()).contains("ingest passes keep failing (2 in a row").contains("disk I/O error");
    stats.passEnded(now.plusSeconds(120));
    assertThat(get("/healthz").statusCode()).isEqualTo(200);
  }
}
