package dev.keepsake.cli;

import static dev.keepsake.testing.JpegFixture.jpeg;
import static dev.keepsake.testing.SyncthingPair.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keepsake.app.FolderPaths;
import dev.keepsake.app.Service;
import dev.keepsake.testing.ServiceRounds;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The service on watched folders alone: several sources, and a file written slowly copied once, whole. */
@Timeout(60)
class ServiceWithoutSyncthingTest {
  @TempDir Path tmp;

  @Test
  void twoSourcesAndASlowWriter() throws Exception {
    Path pixel = Files.createDirectories(tmp.resolve("pixel/DCIM"));
    Path tablet = Files.createDirectories(tmp.resolve("tablet/Pictures"));
    Path archive = Files.createDirectory(tmp.resolve("archive"));
    Path config = Files.writeString(tmp.resolve("k.yaml"), """
        archive: { root: archive, layout: "{source}/{yyyy}/{name}", zone: UTC }
        sources:
          pixel: { path: pixel }
          tablet: { path: tablet }
        settle: 1s
        server: { listen: "127.0.0.1:0" }
        """);
    ConfigSources.Loaded loaded = ConfigSources.load(config, null, null, FolderPaths.WhenUnknown.WAIT);
    Service runner = Service.start(loaded.ingest(), loaded.service(), null, loaded.notifications(), Clock.systemUTC());
    try {
      Files.write(pixel.resolve("IMG_1.jpg"), jpeg().original("2023:09:16 12:34:56").salt("p").bytes());
      Files.write(tablet.resolve("IMG_1.jpg"), jpeg().original("2022:01:01 10:00:00").salt("t").bytes());

      byte[] whole = jpeg().original("2021:05:05 05:05:05").salt("slow".repeat(20_000)).bytes();
      Path slow = pixel.resolve("VID_slow.jpg");
      try (OutputStream out = Files.newOutputStream(slow, StandardOpenOption.CREATE_NEW)) {
        for (int at = 0; at < whole.length; at += whole.length / 6) {
          out.write(whole, at, Math.min(whole.length / 6, whole.length - at));
          out.flush();
          Thread.sleep(400); // a writer slower than inotify, faster than the settle time
        }
      }
      waitUntil(Duration.ofSeconds(20), "all three are archived", () ->
          Files.exists(archive.resolve("pixel/2023/IMG_1.jpg")) && Files.exists(archive.resolve("tablet/2022/IMG_1.jpg"))
              && Files.exists(archive.resolve("pixel/2021/VID_slow.jpg")));
      ServiceRounds.waitFor(runner, ServiceRounds.INGEST, 3, Duration.ofSeconds(30)); // a wrong second copy would come in these rounds
      assertThat(archive.resolve("pixel/2021/VID_slow.jpg")).hasBinaryContent(whole);
      try (Stream<Path> files = Files.walk(archive)) {
        assertThat(files.filter(Files::isRegularFile).filter(p -> !archive.relativize(p).startsWith(".keepsake"))).hasSize(3);
      }
    } finally {
      runner.close();
    }
  }
}
