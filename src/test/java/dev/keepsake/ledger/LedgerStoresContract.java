package dev.keepsake.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keepsake.archive.ContentHash;
import dev.keepsake.media.CaptureDate;
import dev.keepsake.media.DateOrigin;
import dev.keepsake.media.MediaType;
import dev.keepsake.syncthing.EventCursor;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What each store of the ledger promises, run against every way a ledger is opened (a file, and in
 * memory for dry runs): rows come back as written, pages come in the walk's order and cover
 * everything once, the temp journal, cursors, marks and incidents keep what they were told.
 */
abstract class LedgerStoresContract {
  static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");
  final Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
  Ledger ledger;

  abstract Ledger open(Clock clock) throws Exception;

  @BeforeEach
  void openLedger() throws Exception {
    ledger = open(clock);
  }

  @AfterEach
  void closeLedger() {
    ledger.close();
  }

  static ContentHash hash(int i) {
    return new ContentHash(String.format("%064x", i));
  }

  static ArchivedContent content(int i, String source, String path) {
    CaptureDate date = new CaptureDate(LocalDateTime.of(2023, 9, 16, 12, 0), Instant.parse("2023-09-16T10:00:00Z"),
        ZoneOffset.ofHours(2), DateOrigin.EXIF_ORIGINAL);
    return new ArchivedContent(hash(i), "2023/09/IMG_" + i + ".jpg", 1000 + i, MediaType.PHOTO, date, source, path,
        T0.plusSeconds(i));
  }

  @Test
  void theZoneOfACaptureDateAndItsReasonComeBack() {
    var zone = new dev.keepsake.media.LocalZone(java.time.ZoneId.of("America/New_York"),
        dev.keepsake.media.LocalZone.Reason.GPS, new dev.keepsake.media.GeoPosition(40.7128, -74.006));
    CaptureDate date = new CaptureDate(LocalDateTime.of(2023, 6, 30, 23, 30), Instant.parse("2023-07-01T03:30:00Z"),
        null, DateOrigin.QUICKTIME_UTC, zone);
    ArchivedContent c = new ArchivedContent(hash(7), "2023/06/ny.mov", 7, MediaType.VIDEO, date, "pixel", "ny.mov", T0);
    ledger.files().recordArchived(List.of(c), List.of(seen("pixel", "ny.mov")));
    assertThat(ledger.files().content(hash(7)).orElseThrow().date().zone()).isEqualTo(zone);
  }

  static SeenFile seen(String source, String path) {
    return new SeenFile(source, path, 1234, FileTime.fromMillis(1_700_000_000_123L), "(dev=1,ino=" + path.hashCode() + ")");
  }

  @Test
  void filesAndContentsComeBackAsWritten() {
    ledger.files().recordArchived(List.of(content(1, "pixel", "DCIM/IMG_1.jpg")), List.of(seen("pixel", "DCIM/IMG_1.jpg")));
    ledger.files().recordSourceFile(seen("pixel", "DCIM/copy.jpg"), hash(1), FileState.DUPLICATE);
    ledger.files().recordSourceFile(seen("pixel", "notes.txt"), null, FileState.SKIPPED);

    assertThat(ledger.files().content(hash(1))).contains(content(1, "pixel", "DCIM/IMG_1.jpg"));
    assertThat(ledger.files().content(hash(2))).isEmpty();
    KnownFile known = ledger.files().knownFiles("pixel", List.of("DCIM/IMG_1.jpg")).get("DCIM/IMG_1.jpg");
    assertThat(known.sameStat(1234, FileTime.fromMillis(1_700_000_000_123L), "(dev=1,ino=" + "DCIM/IMG_1.jpg".hashCode() + ")")).isTrue();
    assertThat(known.state()).isEqualTo(FileState.ARCHIVED);
    assertThat(ledger.files().knownFiles("pixel").get("notes.txt").hash()).isNull();
    assertThat(ledger.files().archivedFiles("pixel")).isEqualTo(2); // archived and its duplicate
    assertThat(ledger.files().contentCount()).isEqualTo(1);
    assertThat(ledger.files().hasArchivePath("2023/09/IMG_1.jpg")).isTrue();
    assertThat(ledger.files().lastArrival("pixel")).isEqualTo(T0.plusSeconds(1));
    assertThat(ledger.files().lastArrival("other")).isNull();
  }

  @Test
  void pagesComeInTheWalksOrderAndCoverEveryPathOnce() {
    List<String> paths = new ArrayList<>(List.of("a.jpg", "a/b.jpg", "a-b.jpg", "B.jpg", "\u00e4.jpg", "\uD83D\uDE00.jpg", "\uFB01.jpg"));
    for (int i = 0; i < 2_500; i++) {
      paths.add("DCIM/" + (i % 7) + "/IMG_" + i + ".jpg");
    }
    for (String p : paths) {
      ledger.files().recordSourceFile(seen("pixel", p), null, FileState.SKIPPED);
    }
    List<String> read = new ArrayList<>();
    String after = "";
    for (List<KnownFile> page = ledger.files().knownFilesAfter("pixel", after, 1000); !page.isEmpty();
        page = ledger.files().knownFilesAfter("pixel", after, 1000)) {
      page.forEach(k -> read.add(k.path()));
      after = page.get(page.size() - 1).path();
    }
    List<String> expected = new ArrayList<>(paths);
    expected.sort(dev.keepsake.source.SortedWalk::compare);
    assertThat(read).isEqualTo(expected);
  }

  @Test
  void removedPathsAreMarkedOnceAndComeBackWhenSeenAgain() {
    ledger.files().recordSourceFile(seen("pixel", "IMG_1.jpg"), null, FileState.SKIPPED);
    ledger.files().markRemoved("pixel", List.of("IMG_1.jpg"));
    assertThat(ledger.files().knownFiles("pixel").get("IMG_1.jpg").removedAt()).isEqualTo(T0);
    ledger.files().recordSourceFile(seen("pixel", "IMG_1.jpg"), null, FileState.SKIPPED);
    assertThat(ledger.files().knownFiles("pixel").get("IMG_1.jpg").removedAt()).isNull();
  }

  @Test
  void contentsAreStreamedPageByPageAndCounted() {
    List<ArchivedContent> all = new ArrayList<>();
    List<SeenFile> files = new ArrayList<>();
    for (int i = 1; i <= 2_345; i++) {
      all.add(content(i, "pixel", "IMG_" + i + ".jpg"));
      files.add(seen("pixel", "IMG_" + i + ".jpg"));
    }
    ledger.files().recordArchived(all, files);
    List<ArchivedContent> streamed = new ArrayList<>();
    ledger.files().forEachContent(null, streamed::add);
    assertThat(streamed).isEqualTo(all);
    assertThat(ledger.files().contentTotals(T0.plusSeconds(2_000))).containsExactly(346, all.subList(1_999, 2_345).stream().mapToLong(ArchivedContent::bytes).sum());
    assertThat(ledger.files().sampleContents(10)).hasSize(10).allSatisfy(c -> assertThat(all).contains(c));
    assertThat(ledger.files().recordRebuilt(List.of(content(1, "x", "y"), content(9_999, "rebuilt", "z")))).isEqualTo(1);
  }

  @Test
  void theTempJournalKeepsFoldersUntilForgotten() {
    ledger.temps().willWriteIn(Path.of("/archive/2023/09"));
    ledger.temps().willWriteIn(Path.of("/archive/2023/09"));
    ledger.temps().willWriteIn(Path.of("/archive/2023/10"));
    assertThat(ledger.temps().tempDirs()).containsExactlyInAnyOrder(Path.of("/archive/2023/09"), Path.of("/archive/2023/10"));
    ledger.temps().forgetTempDirs(ledger.temps().tempDirs());
    assertThat(ledger.temps().tempDirs()).isEmpty();
    ledger.temps().willWriteIn(Path.of("/archive/2023/09")); // journaled again after forgetting
    assertThat(ledger.temps().tempDirs()).containsExactly(Path.of("/archive/2023/09"));
  }

  @Test
  void cursorsAndFolderPathsArePerInstanceAndPerFolder() {
    EventCursor.Store one = ledger.syncthing().cursorStore("http://127.0.0.1:8384");
    EventCursor.Store two = ledger.syncthing().cursorStore("http://127.0.0.1:8385");
    assertThat(one.load()).isNull();
    one.save(new EventCursor(42, "2026-11-30T09:00:00Z"));
    one.save(new EventCursor(43, "2026-11-30T09:00:00Z"));
    assertThat(one.load()).isEqualTo(new EventCursor(43, "2026-11-30T09:00:00Z"));
    assertThat(two.load()).isNull();
    ledger.syncthing().saveFolderPath("phone-camera", Path.of("/srv/sync/camera"));
    ledger.syncthing().saveFolderPath("phone-camera", Path.of("/srv/sync/camera2"));
    assertThat(ledger.syncthing().folderPath("phone-camera")).isEqualTo(Path.of("/srv/sync/camera2"));
    assertThat(ledger.syncthing().folderPath("other")).isNull();
  }

  @Test
  void marksKeepTheLastValue() {
    assertThat(ledger.marks().get("verify.last")).isNull();
    ledger.marks().put("verify.last", "a");
    ledger.marks().put("verify.last", "b");
    assertThat(ledger.marks().get("verify.last")).isEqualTo("b");
  }

  @Test
  void aSentDigestAnnouncesTheOpenAndLogsTheClosed() {
    IncidentRow open = new IncidentRow("disk-full||", T0, T0, 3, List.of("a.jpg"), "disk full", false, null);
    IncidentRow done = new IncidentRow("io-error|pixel|DCIM/*.jpg", T0, T0, 1, List.of("b.jpg", "c.jpg"), "io", true, T0);
    ledger.incidents().save(List.of(open, done));
    assertThat(ledger.incidents().all()).containsExactlyInAnyOrder(open, done);
    assertThat(ledger.incidents().lastDigestSent()).isNull();

    ledger.incidents().digestSent(List.of(open), Map.of(done, Incidents.Closed.RESOLVED), T0.plusSeconds(60));

    assertThat(ledger.incidents().all()).singleElement().satisfies(i -> {
      assertThat(i.fingerprint()).isEqualTo("disk-full||");
      assertThat(i.announced()).isTrue();
    });
    assertThat(ledger.incidents().lastDigestSent()).isEqualTo(T0.plusSeconds(60));
  }
}
