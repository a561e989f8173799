package dev.keepsake.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keepsake.app.Service;
import dev.keepsake.config.ConfigLoader;
import dev.keepsake.config.IngestSettings;
import dev.keepsake.config.NotifySettings;
import dev.keepsake.config.ServiceSettings;
import dev.keepsake.testing.Images;
import java.awt.Color;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The page and /api/files over HTTP: locked down, escaped, bounded; the browser test shows what a person sees. */
@Timeout(60)
class StatusPageTest {
  @TempDir Path tmp;

  @Test
  void thePageIsLockedDownEscapesHostileNamesAndTheApiTellsAFilesStory() throws Exception {
    Path phone = Files.createDirectories(tmp.resolve("pixel/DCIM"));
    Files.createDirectory(tmp.resolve("archive"));
    String hostile = "<script>alert(1)<\\script>&.png".replace("\\", "");
    Files.write(phone.resolve(hostile), Images.png(50, 50, Color.RED));
    Path config = Files.writeString(tmp.resolve("k.yaml"), """
        archive: { root: archive, zone: UTC }
        sources: { pixel: { path: pixel } }
        settle: 1s
        server: { listen: "127.0.0.1:0" }
        """);
    var parsed = ConfigLoader.load(config);
    IngestSettings ingest = IngestSettings.fromConfig(parsed, config, IngestSettings.FolderResolver.NONE);
    ServiceSettings settings = ServiceSettings.fromConfig(parsed, config, System.getenv());
    try (Service service = Service.start(ingest, settings, null, NotifySettings.from(parsed, config, ingest.archiveRoot(),
        ingest.zone(), settings.warnings()), Clock.systemUTC())) {
      String base = "http://127.0.0.1:" + service.server().address().getPort();
      dev.keepsake.testing.SyncthingPair.waitUntil(Duration.ofSeconds(20), "archived",
          () -> get(base + "/api/status").body().contains("\"archivedFiles\" : 1"));

      HttpResponse<String> page = get(base + "/");
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.headers().firstValue("Content-Security-Policy").orElse(""))
          .contains("default-src 'none'").contains("img-src 'self'").contains("style-src 'self'").doesNotContain("unsafe");
      assertThat(page.body()).doesNotContain("<script").contains("&lt;script&gt;alert(1)&lt;script&gt;&amp;.png")
          .doesNotContainPattern("(?i)(src|href)=\"(https?:)?//"); // no external asset
      assertThat(get(base + "/page.css").headers().firstValue("Content-Type").orElse("")).startsWith("text/css");

      HttpResponse<String> found = get(base + "/api/files?q=" + URLEncoder.encode(hostile, StandardCharsets.UTF_8));
      assertThat(found.statusCode()).isEqualTo(200);
      assertThat(found.body()).contains("\"archivePath\" : \"2026/").contains("first seen at pixel:DCIM/<script>");
      assertThat(get(base + "/?q=" + URLEncoder.encode(hostile, StandardCharsets.UTF_8)).body())
          .contains("class=\"story\"").doesNotContain("<script");
      assertThat(get(base + "/api/files").statusCode()).isEqualTo(400);
      assertThat(get(base + "/api/files?q=nothing.jpg").body()).contains("\"files\" : [ ]");
      assertThat(get(base + "/thumb/not-a-hash").statusCode()).isEqualTo(404);
      assertThat(get(base + "/thumb/" + "0".repeat(64)).statusCode()).isEqualTo(404);
      assertThat(get(base + "/elsewhere").statusCode()).isEqualTo(404);
      try (okhttp3.Response rebound = new okhttp3.OkHttpClient().newCall(new okhttp3.Request.Builder().url(base + "/")
          .header("Host", "evil.example:80").build()).execute()) {
        assertThat(rebound.code()).as("a DNS-rebound page may not read it").isEqualTo(403);
      }
    }
  }

  private static HttpResponse<String> get(String url) {
    try {
      return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
