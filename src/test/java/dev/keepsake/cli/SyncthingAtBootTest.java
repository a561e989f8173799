package dev.keepsake.cli;

import static dev.keepsake.testing.JpegFixture.jpeg;
import static dev.keepsake.testing.SyncthingPair.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keepsake.app.FolderPaths;
import dev.keepsake.app.Service;
import dev.keepsake.ledger.Ledger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped setup — a {@code syncthing-folder:} source — at boot with Syncthing not up yet, or
 * refusing the key: {@code run} starts and archives what it can, {@code ingest} says exactly why it
 * cannot place the folder, {@code doctor} gives one FAIL for one cause. The fake Syncthing speaks the
 * documented REST answers ({@code ../shared/syncthing-samples}).
 */
@Tag("reliability")
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class SyncthingAtBootTest {
  @TempDir Path tmp;
  Path phone;
  Path archive;
  Path config;
  int port;
  volatile boolean rejectKey;
  private final Cli cli = new Cli();

  @BeforeEach
  void setUp() throws Exception {
    phone = Files.createDirectories(tmp.resolve("sync/pixel/DCIM"));
    archive = Files.createDirectory(tmp.resolve("archive"));
    Files.writeString(tmp.resolve("syncthing.key"), "KEY");
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort(); // nothing listens there until a test starts its fake Syncthing
    }
    config = Files.writeString(tmp.resolve("keepsake.yaml"), """
        archive: { root: archive, zone: UTC }
        sources:
          pixel: { syncthing-folder: pixel-camera }
        syncthing: { url: "http://127.0.0.1:%d", api-key-file: syncthing.key }
        server: { listen: "127.0.0.1:0" }
        """.formatted(port));
  }

  /** Syncthing as its REST API answers: the folder pixel-camera at {@code phone}'s parent. */
  private MockWebServer syncthing() throws Exception {
    MockWebServer server = new MockWebServer();
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        if (rejectKey || !"KEY".equals(request.getHeader("X-API-Key"))) {
          return new MockResponse().setResponseCode(403).setBody("CSRF Error");
        }
        String path = request.getPath();
        String folder = "{\"id\":\"pixel-camera\",\"path\":\"" + phone.getParent() + "\",\"versioning\":{\"type\":\"trashcan\"},"
            + "\"ignoreDelete\":false}";
        if (path.startsWith("/rest/config/folders/pixel-camera")) {
          return new MockResponse().setBody(folder);
        }
        if (path.startsWith("/rest/config/folders")) {
          return new MockResponse().setBody("[" + folder + "]");
        }
        if (path.startsWith("/rest/system/status")) {
          return new MockResponse().setBody("{\"startTime\":\"2026-12-01T08:00:00Z\",\"myID\":\"NAS\"}");
        }
        if (path.startsWith("/rest/system/ping")) {
          return new MockResponse().setBody("{\"ping\":\"pong\"}");
        }
        if (path.startsWith("/rest/events")) {
          return new MockResponse().setBody("[]").setBodyDelay(200, TimeUnit.MILLISECONDS);
        }
        return new MockResponse().setResponseCode(404).setBody("404 page not found");
      }
    });
    server.start(InetAddress.getLoopbackAddress(), port);
    return server;
  }

  private String status(Service runner) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
        + runner.server().address().getPort() + "/api/status")).build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  private int healthz(Service runner) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
        + runner.server().address().getPort() + "/healthz")).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  @Test
  void runStartsWithSyncthingDownAndTakesTheFolderOnceSyncthingAnswers() throws Exception {
    ConfigSources.Loaded loaded = ConfigSources.load(config, null, null, FolderPaths.WhenUnknown.WAIT);
    assertThat(loaded.ingest().pending()).singleElement().satisfies(p -> assertThat(p.why()).contains("pixel-camera"));
    Service runner = Service.start(loaded.ingest(), loaded.service(), loaded.syncthing(), loaded.notifications(),
        Clock.systemUTC());
    MockWebServer syncthing = null;
    try {
      assertThat(healthz(runner)).isEqualTo(200); // down for less than 15 minutes: not yet unhealthy
      assertThat(status(runner)).contains("\"unplacedSources\" : [ {").contains("pixel-camera"); // not left out
      Files.write(phone.resolve("IMG_1.jpg"), jpeg().original("2023:09:16 12:34:56").bytes());
      syncthing = syncthing();
      waitUntil(Duration.ofSeconds(30), "the folder is placed and its photo archived",
          () -> Files.exists(archive.resolve("2023/09/IMG_1.jpg")));
      assertThat(status(runner)).contains("\"unplacedSources\" : [ ]");
    } finally {
      runner.close();
      if (syncthing != null) {
        syncthing.shutdown();
      }
    }
    try (Ledger ledger = Ledger.openReadOnly(archive.resolve(".keepsake/ledger.db"), Clock.systemUTC())) {
      assertThat(ledger.syncthing().folderPath("pixel-camera")).isEqualTo(phone.getParent().toRealPath());
    }
  }

  @Test
  void aPathKeptFromAnEarlierRunCoversTheFolderWhileSyncthingRefusesTheKey() throws Exception {
    MockWebServer syncthing = syncthing();
    try {
      assertThat(cli.run("ingest", "--config", config.toString())).as(cli.err).isZero(); // learns the path
      rejectKey = true;
      ConfigSources.Loaded loaded = ConfigSources.load(config, null, null, FolderPaths.WhenUnknown.WAIT);
      assertThat(loaded.ingest().pending()).isEmpty();
      assertThat(loaded.notes()).singleElement().asString().contains("using the path it gave last time");
      Service runner = Service.start(loaded.ingest(), loaded.service(), loaded.syncthing(),
          loaded.notifications(), Clock.systemUTC());
      try {
        Files.write(phone.resolve("IMG_2.jpg"), jpeg().original("2023:10:16 12:34:56").bytes());
        waitUntil(Duration.ofSeconds(30), "the watcher archives it without Syncthing",
            () -> Files.exists(archive.resolve("2023/10/IMG_2.jpg")));
      } finally {
        runner.close();
      }
      assertThat(cli.run("ingest", "--config", config.toString())).as(cli.err).isZero();
      assertThat(cli.err).contains("Syncthing did not answer").contains("API key rejected").contains(phone.getParent().toString());
    } finally {
      syncthing.shutdown();
    }
  }

  @Test
  void ingestSaysExactlyWhyItCannotPlaceTheFolderAndDoctorFailsOncePerCause() throws Exception {
    assertThat(cli.run("ingest", "--config", config.toString())).isEqualTo(2);
    assertThat(cli.err).contains("syncthing-folder pixel-camera").contains("cannot connect to http://127.0.0.1:" + port)
        .contains("no earlier run kept one in the ledger").contains("give path:")
        .doesNotContain("needs the syncthing: section");
    int code = cli.run("doctor", "--config", config.toString());
    assertThat(code).isEqualTo(1);
    assertThat(cli.out.lines().filter(l -> l.startsWith("FAIL"))).as(cli.out).singleElement().asString()
        .contains("Syncthing").contains("cannot connect");
    assertThat(cli.out).contains("warn  source pixel: its path is not known until Syncthing answers");
  }
}
