package dev.keepsake.cli;

import static dev.keepsake.testing.JpegFixture.jpeg;
import static dev.keepsake.testing.SyncthingPair.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keepsake.app.FolderPaths;
import dev.keepsake.app.Service;
import dev.keepsake.testing.SyncthingPair;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service against a real Syncthing pair (phone → NAS on loopback): photos taken on the phone
 * reach the archive; deletes on the phone never do; a NAS Syncthing restart and a Keepsake restart
 * lose nothing.
 */
@Tag("syncthing")
@Timeout(600)
class ServiceWithSyncthingTest {
  @TempDir Path tmp;

  private static byte[] photo(String exifDate, String salt) {
    return jpeg().original(exifDate).salt(salt).bytes();
  }

  private static boolean archived(Path archive, String relative) {
    return Files.isRegularFile(archive.resolve(relative));
  }

  private ConfigSources.Loaded config(SyncthingPair pair, Path archive) throws Exception {
    Path key = Files.writeString(tmp.resolve("syncthing.key"), pair.nas.apiKey + "\n");
    Path file = Files.writeString(tmp.resolve("keepsake.yaml"), """
        archive: { root: %s, zone: UTC }
        sources:
          pixel: { syncthing-folder: %s }
        syncthing: { url: "%s", api-key-file: %s }
        server: { listen: "127.0.0.1:0" }
        """.formatted(archive, SyncthingPair.FOLDER, pair.nas.url(), key));
    return ConfigSources.load(file, null, null, FolderPaths.WhenUnknown.WAIT);
  }

  private Service start(ConfigSources.Loaded loaded) throws Exception {
    return Service.start(loaded.ingest(), loaded.service(), loaded.syncthing(), loaded.notifications(), Clock.systemUTC());
  }

  @Test
  void photosArriveDeletesNeverDoAndRestartsLoseNothing() throws Exception {
    Path archive = Files.createDirectory(tmp.resolve("archive"));
    try (SyncthingPair pair = SyncthingPair.start(tmp.resolve("st"), "")) {
      Path camera = Files.createDirectories(pair.phone.folder.resolve("DCIM/Camera"));
      ConfigSources.Loaded loaded = config(pair, archive);
      Service runner = start(loaded);
      try {
        Files.write(camera.resolve("IMG_1.jpg"), photo("2023:09:16 12:34:56", "1"));
        waitUntil(Duration.ofSeconds(30), "IMG_1 reaches the archive", () -> archived(archive, "2023/09/IMG_1.jpg"));

        waitUntil(Duration.ofSeconds(10), "the status counts it", () -> {
          try {
            return get(runner, "/api/status").contains("\"archivedFiles\" : 1");
          } catch (Exception e) {
            return false;
          }
        });
        String status = get(runner, "/api/status");
        assertThat(status).contains("\"connected\" : true").contains("\"archivedFiles\" : 1");
        assertThat(get(runner, "/metrics")).contains("keepsake_archived_files_total{source=\"pixel\"} 1")
            .contains("keepsake_syncthing_connected 1");
        assertThat(status + get(runner, "/metrics")).doesNotContain(pair.nas.apiKey);

        Files.delete(camera.resolve("IMG_1.jpg"));
        Path nasCopy = pair.nas.folder.resolve("DCIM/Camera/IMG_1.jpg");
        waitUntil(Duration.ofSeconds(30), "the delete reaches the NAS", () -> !Files.exists(nasCopy));
        assertThat(archive.resolve("2023/09/IMG_1.jpg")).hasBinaryContent(photo("2023:09:16 12:34:56", "1"));

        pair.stopNas();
        pair.startNas(); // event ids start again at 1
        Files.write(camera.resolve("IMG_2.jpg"), photo("2023:10:01 08:00:00", "2"));
        waitUntil(Duration.ofSeconds(60), "IMG_2 arrives after the NAS restart", () -> archived(archive, "2023/10/IMG_2.jpg"));
      } finally {
        runner.close();
      }

      Files.write(camera.resolve("IMG_3.jpg"), photo("2024:01:02 03:04:05", "3"));
      waitUntil(Duration.ofSeconds(30), "IMG_3 reaches the NAS while Keepsake is down",
          () -> Files.exists(pair.nas.folder.resolve("DCIM/Camera/IMG_3.jpg")));
      Service again = start(config(pair, archive));
      try {
        waitUntil(Duration.ofSeconds(30), "IMG_3 arrives after Keepsake restarts", () -> archived(archive, "2024/01/IMG_3.jpg"));
      } finally {
        again.close();
      }
      try (Stream<Path> files = Files.walk(archive)) {
        assertThat(files.filter(Files::isRegularFile).filter(p -> !archive.relativize(p).startsWith(".keepsake")))
            .hasSize(3);
      }
    }
  }

  private static String get(Service runner, String path) throws Exception {
    var address = runner.server().address();
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + address.getPort() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
    return response.body();
  }
}
