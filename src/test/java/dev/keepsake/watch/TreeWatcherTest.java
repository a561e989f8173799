package dev.keepsake.watch;

import static dev.keepsake.testing.SyncthingPair.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keepsake.source.Source;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Timeout;

/** The watcher on a real temp directory (inotify), not a fake file system. */
@Timeout(60)
class TreeWatcherTest {
  @TempDir Path root;
  final List<String> changed = new CopyOnWriteArrayList<>();
  TreeWatcher watcher;
  Thread thread;

  private void watch() throws Exception {
    watcher = new TreeWatcher(Source.of("phone", root), new TreeWatcher.Listener() {
      @Override
      public void changed(Source source, String relative) {
        changed.add(relative);
      }

      @Override
      public void overflow(Source source) {
        changed.add("OVERFLOW");
      }
    });
    thread = new Thread(watcher);
    thread.start();
  }

  @AfterEach
  void stop() throws Exception {
    watcher.close();
    thread.join(5000);
  }

  @Test
  void reportsFilesInFoldersCreatedAfterItStarted() throws Exception {
    Files.createDirectories(root.resolve("DCIM"));
    watch();
    Files.writeString(root.resolve("DCIM/IMG_1.jpg"), "x");
    Path deep = Files.createDirectories(root.resolve("DCIM/2024/Trip"));
    Files.writeString(deep.resolve("IMG_2.jpg"), "y");
    waitUntil(Duration.ofSeconds(10), "both files are reported",
        () -> changed.contains("DCIM/IMG_1.jpg") && changed.contains("DCIM/2024/Trip/IMG_2.jpg"));
  }

  @Test
  void ignoresTempNamesAndIgnoredFolders() throws Exception {
    watch();
    Files.writeString(root.resolve(".syncthing.IMG_3.jpg.tmp"), "partial");
    Files.createDirectories(root.resolve(".stversions/DCIM"));
    Files.writeString(root.resolve(".stversions/DCIM/IMG_0.jpg"), "old");
    Files.writeString(root.resolve("IMG_4.jpg"), "done");
    Files.writeString(root.resolve("IMG_5.jpg"), "written after all the others");
    // events come in order: once the last file is reported, the earlier ones would have been too
    waitUntil(Duration.ofSeconds(10), "the real files are reported", () -> changed.contains("IMG_4.jpg") && changed.contains("IMG_5.jpg"));
    assertThat(changed).noneMatch(p -> p.contains("syncthing") || p.contains(".stversions"));
  }

  @Test
  void aFileWrittenInChunksIsReportedAsItGrows() throws Exception {
    watch();
    Path file = root.resolve("VID_1.mp4");
    for (int i = 0; i < 3; i++) {
      long before = changed.stream().filter("VID_1.mp4"::equals).count();
      Files.write(file, new byte[1000], i == 0 ? new java.nio.file.OpenOption[0]
          : new java.nio.file.OpenOption[] {java.nio.file.StandardOpenOption.APPEND});
      // the next chunk only once this one is reported: a writer slower than the watcher
      waitUntil(Duration.ofSeconds(10), "chunk " + i + " is reported",
          () -> changed.stream().filter("VID_1.mp4"::equals).count() > before);
    }
    assertThat(changed.stream().filter("VID_1.mp4"::equals).count()).isGreaterThanOrEqualTo(3);
  }
}
