package dev.keepsake.ingest;

import static dev.keepsake.testing.JpegFixture.jpeg;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keepsake.app.Keepsake;
import dev.keepsake.failure.FailureKind;
import dev.keepsake.source.Source;
import dev.keepsake.source.SourceFile;
import dev.keepsake.testing.RecordingListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Timeout;

/** Passes over reported paths, as the service runs them for Syncthing events, the watcher and hooks. */
@Timeout(60)
class PathPassTest {
  static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
  @TempDir Path tmp;
  Path phone;
  Path archive;
  Source source;
  final RecordingListener recorded = new RecordingListener();
  final List<FileOutcome> outcomes = recorded.outcomes;
  final List<String> problems = recorded.problems;
  final List<SourceFile> waiting = recorded.waiting;

  @BeforeEach
  void setUp() throws Exception {
    phone = Files.createDirectory(tmp.resolve("phone"));
    archive = Files.createDirectory(tmp.resolve("archive"));
    source = Source.of("pixel", phone);
  }

  private IngestSummary pass(Duration settle, String... paths) throws Exception {
    IngestOptions options = IngestOptions.defaults(archive, ZoneOffset.UTC).withClock(Clock.fixed(NOW, ZoneOffset.UTC));
    try (Keepsake keepsake = Keepsake.open(options);
        Archiver archiver = keepsake.archiver(recorded, s -> settle, RetryPolicy.defaults())) {
      return archiver.ingestPaths(source, List.of(paths));
    }
  }

  private Path put(String relative, String exifDate, Instant mtime) throws Exception {
    Path file = phone.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.write(file, jpeg().original(exifDate).salt(relative).bytes());
    Files.setLastModifiedTime(file, FileTime.from(mtime));
    return file;
  }

  @Test
  void aFileDeletedBeforeItsTurnIsArchivedFromTheTrashcan() throws Exception {
    put(".stversions/DCIM/IMG_1.jpg", "2023:09:16 12:34:56", NOW.minusSeconds(60));
    IngestSummary summary = pass(Duration.ZERO, "DCIM/IMG_1.jpg");
    assertThat(summary.archived()).isEqualTo(1);
    assertThat(archive.resolve("2023/09/IMG_1.jpg")).exists();
  }

  @Test
  void andFromStaggeredVersionsTheNewestOne() throws Exception {
    put(".stversions/DCIM/IMG_2~20231001-101010.jpg", "2023:09:01 00:00:00", NOW.minusSeconds(60));
    put(".stversions/DCIM/IMG_2~20231002-101010.jpg", "2023:10:02 00:00:00", NOW.minusSeconds(60));
    pass(Duration.ZERO, "DCIM/IMG_2.jpg");
    assertThat(archive.resolve("2023/10/IMG_2.jpg")).exists();
  }

  @Test
  void withoutAKeptCopyItIsAVanishedBeforeCopyFailureNamingTheFile() throws Exception {
    IngestSummary summary = pass(Duration.ZERO, "DCIM/IMG_3.jpg");
    assertThat(summary.failed()).isEqualTo(1);
    assertThat(outcomes).singleElement().satisfies(o -> {
      assertThat(o.failure()).isEqualTo(FailureKind.VANISHED_BEFORE_COPY);
      assertThat(o.message()).contains("DCIM/IMG_3.jpg").contains("versioning");
    });
  }

  @Test
  void pathsThatLeaveTheSourceAreRefusedNeverResolved() throws Exception {
    Files.writeString(tmp.resolve("secret.jpg"), "outside");
    IngestSummary summary = pass(Duration.ZERO, "../secret.jpg", "/etc/passwd", "DCIM/\0x.jpg", "a/../../secret.jpg");
    assertThat(summary.failed()).isEqualTo(4);
    assertThat(problems).hasSize(4);
    assertThat(archive.resolve("2023")).doesNotExist();
  }

  @Test
  void aFileChangedWithinTheSettleTimeWaits() throws Exception {
    put("DCIM/IMG_4.jpg", "2023:09:16 12:34:56", NOW.minusSeconds(2));
    IngestSummary summary = pass(Duration.ofSeconds(5), "DCIM/IMG_4.jpg");
    assertThat(summary.archived()).isZero();
    assertThat(summary.failed()).isZero();
    assertThat(waiting).extracting(SourceFile::relative).containsExactly("DCIM/IMG_4.jpg");
  }

  @Test
  void aSidecarReportedAloneBringsItsPhotoAlong() throws Exception {
    put("DCIM/IMG_5.jpg", "2022:02:02 02:02:02", NOW.minusSeconds(60));
    Files.writeString(phone.resolve("DCIM/IMG_5.jpg.xmp"), "<x/>");
    pass(Duration.ZERO, "DCIM/IMG_5.jpg.xmp");
    assertThat(archive.resolve("2022/02/IMG_5.jpg")).exists();
    assertThat(archive.resolve("2022/02/IMG_5.jpg.xmp")).exists();
  }
}
