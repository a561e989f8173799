package dev.keepsake.reliability;

import static dev.keepsake.testing.JpegFixture.jpeg;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keepsake.app.Keepsake;
import dev.keepsake.ingest.FileOutcome;
import dev.keepsake.ingest.IngestOptions;
import dev.keepsake.ingest.IngestSummary;
import dev.keepsake.source.Source;
import dev.keepsake.testing.RecordingListener;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Timeout;

/** Odd names, links and a 4 GB sparse file: zero crashes, each a clear error or a correct archive entry. */
@Tag("reliability")
@Timeout(600)
class HostileInputTest {
  @TempDir Path tmp;

  @Test
  void oddNamesAndLinksEachBecomeACorrectEntry() throws Exception {
    Path phone = Files.createDirectories(tmp.resolve("phone/DCIM"));
    Path archive = Files.createDirectory(tmp.resolve("archive"));
    String nfc = Normalizer.normalize("Café.jpg", Normalizer.Form.NFC);
    String nfd = Normalizer.normalize("Café.jpg", Normalizer.Form.NFD);
    String longest = "L".repeat(251) + ".jpg"; // 255 bytes, the limit of most file systems
    String[] names = {nfc, nfd, longest, "line\nbreak.jpg", "-leading-dash.jpg", "tab\tand spaces .jpg", "日本語の写真.jpg"};
    for (int i = 0; i < names.length; i++) {
      Files.write(phone.resolve(names[i]), jpeg().original("2023:09:16 12:34:56").salt("odd " + i).bytes());
    }
    Files.createLink(phone.resolve("hardlink.jpg"), phone.resolve("-leading-dash.jpg")); // same inode
    Files.createSymbolicLink(phone.resolve("symlink.jpg"), phone.resolve("-leading-dash.jpg"));
    Files.createSymbolicLink(phone.resolve("escape.jpg"), Path.of("/etc/passwd"));
    RecordingListener recorded = new RecordingListener();
    List<FileOutcome> outcomes = recorded.outcomes;
    IngestSummary summary = Keepsake.ingestOnce(IngestOptions.defaults(archive, ZoneOffset.UTC),
        List.of(Source.of("phone", phone.getParent())), recorded);
    assertThat(summary.failed()).isZero();
    assertThat(summary.archived()).isEqualTo(names.length);
    assertThat(summary.duplicates()).isEqualTo(1); // the hard link: same content, recorded, not copied again
    assertThat(summary.skipped()).isEqualTo(2); // the symlinks: never followed
    for (String name : names) {
      if (!name.equals("-leading-dash.jpg")) {
        assertThat(archive.resolve("2023/09").resolve(name)).exists();
      }
    }
    // the hard-linked pair is one content: whichever the walk met first is the archived name
    assertThat(Files.exists(archive.resolve("2023/09/-leading-dash.jpg")) ^ Files.exists(archive.resolve("2023/09/hardlink.jpg")))
        .isTrue();
    Figures.print("odd names and links", "files " + (names.length + 3) + ", crashes 0, archived " + summary.archived()
        + ", duplicates " + summary.duplicates() + ", skipped links " + summary.skipped());
  }

  @Test
  void aFourGigabyteSparseFileIsCopiedWithFlatMemory() throws Exception {
    Path phone = Files.createDirectories(tmp.resolve("phone"));
    Path archive = Files.createDirectory(tmp.resolve("archive"));
    Path big = phone.resolve("VID_huge.jpg");
    Files.write(big, jpeg().original("2024:02:02 02:02:02").bytes());
    try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
      f.setLength(4L << 30); // 4 GiB, mostly a hole: cheap to make, 4 GiB to read
    }
    Path log = tmp.resolve("ingest.log");
    Process p = ChildJvm.start(log, List.of("-Xmx64m"), "ingest", "--source", phone.toString(), "--archive",
        archive.toString(), "--zone", "UTC");
    long peak = 0;
    while (!p.waitFor(200, TimeUnit.MILLISECONDS)) {
      peak = Math.max(peak, ChildJvm.rssKib(p.pid()));
    }
    assertThat(p.exitValue()).as(Files.readString(log)).isZero();
    Path copy = archive.resolve("2024/02/VID_huge.jpg");
    assertThat(Files.size(copy)).isEqualTo(4L << 30);
    assertThat(peak).as("peak RSS in KiB").isLessThan(256 * 1024);
    try (Stream<Path> s = Files.list(archive.resolve("2024/02"))) {
      assertThat(s).hasSize(1);
    }
    Files.delete(copy);
    Figures.print("4 GiB sparse file", "copied with -Xmx64m, peak RSS " + peak / 1024 + " MiB");
  }
}
