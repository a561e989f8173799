package dev.keepsake.cli;

import static dev.keepsake.testing.JpegFixture.jpeg;
import static dev.keepsake.testing.SyncthingPair.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keepsake.app.FolderPaths;
import dev.keepsake.app.Service;
import dev.keepsake.archive.ContentHash;
import dev.keepsake.testing.SyncthingPair;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Syncthing's bad days, with a real pair: a burst beyond its 1,000-event buffer, the NAS side down
 * for a while, a transfer cut by killing the phone side. Every file still arrives exactly once.
 */
@Tag("reliability")
@Timeout(600)
class SyncthingFaultsTest {
  @TempDir Path tmp;

  @Test
  void burstDowntimeAndAnInterruptedPullLoseNothing() throws Exception {
    Path archive = Files.createDirectory(tmp.resolve("archive"));
    Map<ContentHash, String> expected = new HashMap<>();
    int faults = 0;
    try (SyncthingPair pair = SyncthingPair.start(tmp.resolve("st"), "trashcan")) {
      Path camera = Files.createDirectories(pair.phone.folder.resolve("DCIM/Camera"));
      Path key = Files.writeString(tmp.resolve("key"), pair.nas.apiKey);
      Path config = Files.writeString(tmp.resolve("k.yaml"), """
          archive: { root: %s, zone: UTC, layout: "{yyyy}/{MM}/{name}" }
          sources: { pixel: { syncthing-folder: %s } }
          syncthing: { url: "%s", api-key-file: %s }
          server: { listen: "127.0.0.1:0" }
          """.formatted(archive, SyncthingPair.FOLDER, pair.nas.url(), key));
      ConfigSources.Loaded loaded = ConfigSources.load(config, null, null, FolderPaths.WhenUnknown.WAIT);
      Service runner = Service.start(loaded.ingest(), loaded.service(), loaded.syncthing(), loaded.notifications(),
          Clock.systemUTC());
      try {
        for (int i = 0; i < 1600; i++) { // far beyond the 1,000 events Syncthing buffers
          byte[] photo = jpeg().original("2022:03:0" + (1 + i % 9) + " 10:00:00").salt("burst " + i).bytes();
          Files.write(camera.resolve("IMG_" + i + ".jpg"), photo);
          expected.put(ContentHash.of(camera.resolve("IMG_" + i + ".jpg")), "IMG_" + i + ".jpg");
        }
        faults++;
        waitUntil(Duration.ofMinutes(3), "the burst is archived", () -> count(archive) >= 1600);

        pair.stopNas(); // the NAS side is down for a while
        faults++;
        for (int i = 0; i < 50; i++) {
          Files.write(camera.resolve("DOWN_" + i + ".jpg"), jpeg().original("2022:04:01 10:00:00").salt("down " + i).bytes());
          expected.put(ContentHash.of(camera.resolve("DOWN_" + i + ".jpg")), "DOWN_" + i + ".jpg");
        }
        // the NAS stays down until the phone has taken in every new file, so all of them wait for it
        waitUntil(Duration.ofSeconds(60), "the phone scans the files written while the NAS is down",
            () -> pair.phoneLocalFiles() >= 1650);
        pair.startNas();
        waitUntil(Duration.ofMinutes(2), "files written while the NAS was down arrive", () -> count(archive) >= 1650);

        pair.limitPhoneSend(4096); // 80 MiB take ~20 s: the kill below lands in the middle of the pull
        Path big = camera.resolve("VID_big.jpg"); // a transfer cut by killing the phone side
        byte[] head = jpeg().original("2022:05:01 10:00:00").salt("big").bytes();
        byte[] chunk = new byte[1 << 20];
        Random random = new Random(1);
        try (OutputStream out = Files.newOutputStream(big)) {
          out.write(head);
          for (int mb = 0; mb < 80; mb++) {
            random.nextBytes(chunk);
            out.write(chunk);
          }
        }
        expected.put(ContentHash.of(big), "VID_big.jpg");
        Path nasDir = pair.nas.folder.resolve("DCIM/Camera");
        waitUntil(Duration.ofSeconds(60), "the pull has begun", () -> pulling(nasDir));
        pair.killPhone();
        // the fault counts only if it cut the transfer: Syncthing's temp file there, the file not yet
        assertThat(Files.exists(nasDir.resolve("VID_big.jpg"))).as("the pull had finished before the kill").isFalse();
        assertThat(pulling(nasDir)).isTrue();
        faults++;
        assertThat(count(archive)).as("nothing of the cut transfer is archived").isEqualTo(1650);
        pair.startPhone();
        pair.limitPhoneSend(0);
        waitUntil(Duration.ofMinutes(2), "the interrupted file arrives", () -> count(archive) >= 1651);
      } finally {
        runner.close();
      }
    }
    Map<ContentHash, Path> archived = new HashMap<>();
    int duplicates = 0;
    try (Stream<Path> s = Files.walk(archive)) {
      for (Path p : s.filter(Files::isRegularFile).filter(p -> !archive.relativize(p).startsWith(".keepsake")).toList()) {
        if (archived.put(ContentHash.of(p), p) != null) {
          duplicates++;
        }
      }
    }
    assertThat(duplicates).isZero();
    assertThat(archived.keySet()).isEqualTo(expected.keySet());
    dev.keepsake.reliability.Figures.print("syncthing faults", "faults injected " + faults
        + " (1,600-file burst, NAS down, phone killed mid-pull), files checked " + expected.size()
        + ", lost " + (expected.size() - archived.size()) + ", duplicates " + duplicates);
  }

  private static long count(Path archive) {
    try (Stream<Path> s = Files.walk(archive)) {
      return s.filter(Files::isRegularFile).filter(p -> !archive.relativize(p).startsWith(".keepsake"))
          .filter(p -> !p.getFileName().toString().startsWith(".keepsake-tmp-")).count();
    } catch (java.io.IOException | java.io.UncheckedIOException e) {
      return 0; // a temp file vanished under the walk: count again on the next poll
    }
  }

  /** Whether the NAS is pulling VID_big: Syncthing's temp file for it is there. */
  private static boolean pulling(Path nasDir) {
    try (Stream<Path> s = Files.list(nasDir)) {
      return s.anyMatch(p -> p.getFileName().toString().startsWith(".syncthing.VID_big"));
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
