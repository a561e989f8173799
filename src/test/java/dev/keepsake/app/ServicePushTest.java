package dev.keepsake.app;

import static dev.keepsake.testing.JpegFixture.jpeg;
import static dev.keepsake.testing.SyncthingPair.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keepsake.config.ConfigLoader;
import dev.keepsake.config.IngestSettings;
import dev.keepsake.config.NotifySettings;
import dev.keepsake.config.PushSettings;
import dev.keepsake.config.ServiceSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The running service with ntfy and a ping configured, from its YAML: a fault reaches the phone, the ping turns to /fail, no token shows. */
@Timeout(90)
class ServicePushTest {
  private static final String TOKEN = "tk_SERVICE_SECRET_5";
  @TempDir Path tmp;

  @Test
  void aFaultIsPushedAndThePingSaysFailWhileItLasts() throws Exception {
    List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    List<String> bodies = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (MockWebServer push = new MockWebServer()) {
      push.setDispatcher(new Dispatcher() {
        @Override
        public MockResponse dispatch(RecordedRequest r) {
          seen.add(r.getMethod() + " " + r.getPath() + " " + r.getHeader("Authorization"));
          bodies.add(r.getBody().readUtf8());
          return new MockResponse().setBody("{}");
        }
      });
      push.start(java.net.InetAddress.getByName("127.0.0.1"), 0);
      Path phone = Files.createDirectories(tmp.resolve("pixel/DCIM"));
      Path archive = Files.createDirectory(tmp.resolve("archive"));
      Files.write(phone.resolve("IMG_1.jpg"), jpeg().original("2023:09:16 12:00:00").salt("x").bytes());
      Files.writeString(archive.resolve("2023"), "a file where the 2023 folder belongs");
      Files.writeString(tmp.resolve("ntfy.token"), TOKEN);
      Files.setPosixFilePermissions(tmp.resolve("ntfy.token"), java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
      Path config = Files.writeString(tmp.resolve("k.yaml"), """
          archive: { root: archive, zone: UTC }
          sources: { pixel: { path: pixel } }
          settle: 1s
          retry: { first: 1s, max: 2s }
          notify:
            digest: { group-wait: 1s, group-interval: 1s, repeat-interval: 24h, resolve-after: 2s }
            ntfy: { url: "http://127.0.0.1:%1$d", topic: keepsake, token-file: ntfy.token }
            ping: { url: "http://127.0.0.1:%1$d/ping/abc", every: 1h }
          server: { listen: "127.0.0.1:0", public-url: "https://nas.example/keepsake/" }
          """.formatted(push.getPort()));
      var parsed = ConfigLoader.load(config);
      IngestSettings ingest = IngestSettings.fromConfig(parsed, config, IngestSettings.FolderResolver.NONE);
      ServiceSettings settings = ServiceSettings.fromConfig(parsed, config, System.getenv());
      List<String> warnings = new ArrayList<>();
      try (Service service = Service.start(ingest, settings, null, NotifySettings.from(parsed, config, ingest.archiveRoot(),
          ingest.zone(), warnings), PushSettings.from(parsed, config, warnings), Clock.systemUTC())) {
        waitUntil(Duration.ofSeconds(40), "the fault pushed to ntfy", () -> seen.stream().anyMatch(s -> s.startsWith("POST / ")));
        assertThat(seen).anyMatch(s -> s.equals("POST / Bearer " + TOKEN));
        assertThat(bodies).anyMatch(b -> b.contains("\"topic\":\"keepsake\"") && b.contains("io-error")
            && b.contains("\"click\":\"https://nas.example/keepsake/\""));
        waitUntil(Duration.ofSeconds(20), "the ping says fail", () -> seen.stream().anyMatch(s -> s.startsWith("POST /ping/abc/fail")));
        String base = "http://127.0.0.1:" + service.server().address().getPort();
        for (String path : new String[] {"/", "/api/status", "/metrics", "/healthz"}) {
          String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + path)).build(),
              HttpResponse.BodyHandlers.ofString()).body();
          assertThat(body).as(path).doesNotContain(TOKEN);
        }
      }
    }
  }
}
