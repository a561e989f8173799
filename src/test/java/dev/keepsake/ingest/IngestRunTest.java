package dev.keepsake.ingest;

import static dev.keepsake.testing.JpegFixture.jpeg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keepsake.app.Keepsake;
import dev.keepsake.failure.FailureKind;
import dev.keepsake.archive.ContentHash;
import dev.keepsake.archive.LayoutTemplate;
import dev.keepsake.archive.WriteOnceCopier;
import dev.keepsake.ledger.FileState;
import dev.keepsake.ledger.KnownFile;
import dev.keepsake.ledger.Ledger;
import dev.keepsake.source.PathFilter;
import dev.keepsake.source.Source;
import dev.keepsake.testing.Mp4Fixture;
import dev.keepsake.testing.RecordingListener;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Timeout;

/** End to end through {@link dev.keepsake.app.Keepsake#ingestOnce}: real files, a real SQLite ledger, no mocks. */
@Timeout(60)
class IngestRunTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC);

  @TempDir Path tmp;
  Path phone;
  Path archive;
  Source source;
  final RecordingListener recorded = new RecordingListener();
  final List<FileOutcome> outcomes = recorded.outcomes;
  final List<String> problems = recorded.problems;
  final AtomicInteger opens = new AtomicInteger();
  WriteOnceCopier.SourceOpener opener = file -> {
    opens.incrementAndGet();
    return file.open();
  };

  @BeforeEach
  void setUp() throws IOException {
    phone = Files.createDirectory(tmp.resolve("phone"));
    archive = Files.createDirectory(tmp.resolve("archive"));
    source = Source.of("pixel", phone);
  }

  private IngestOptions options() {
    return IngestOptions.defaults(archive, ZoneOffset.UTC).withClock(CLOCK).withOpener(file -> opener.open(file));
  }

  private IngestSummary ingest() throws ArchiveUnavailableException {
    return ingest(options());
  }

  private IngestSummary ingest(IngestOptions options) throws ArchiveUnavailableException {
    recorded.clear();
    return Keepsake.ingestOnce(options, List.of(source), recorded);
  }

  private Path put(String relative, byte[] content) throws IOException {
    Path file = phone.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.write(file, content);
    Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2020-02-02T10:00:00Z")));
    return file;
  }

  private static byte[] photo(String exifDate, String salt) {
    return jpeg().original(exifDate).salt(salt).bytes();
  }

  /** Files in the archive under their final names (not the temp names of copies in flight). */
  /** Files named in the archive; safe while an ingest runs (a temp name removed mid-walk is not an error). */
  private long named() throws IOException {
    long[] count = {0};
    Files.walkFileTree(archive, new java.nio.file.SimpleFileVisitor<>() {
      @Override
      public java.nio.file.FileVisitResult preVisitDirectory(Path dir, java.nio.file.attribute.BasicFileAttributes attrs) {
        return dir.equals(archive.resolve(".keepsake")) ? java.nio.file.FileVisitResult.SKIP_SUBTREE
            : java.nio.file.FileVisitResult.CONTINUE;
      }

      @Override
      public java.nio.file.FileVisitResult visitFile(Path file, java.nio.file.attribute.BasicFileAttributes attrs) {
        if (attrs.isRegularFile() && !file.getFileName().toString().contains(WriteOnceCopier.TEMP_PREFIX)) {
          count[0]++;
        }
        return java.nio.file.FileVisitResult.CONTINUE;
      }

      @Override
      public java.nio.file.FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
        if (e instanceof java.nio.file.NoSuchFileException) {
          return java.nio.file.FileVisitResult.CONTINUE; // a temp name removed as its file was named
        }
        throw e;
      }
    });
    return count[0];
  }


  /** Every regular file under the archive except Keepsake's own state, with its bytes' hash. */
  private Map<String, String> archived() throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> all = Files.walk(archive)) {
      for (Path p : all.filter(Files::isRegularFile).toList()) {
        String rel = archive.relativize(p).toString();
        if (!rel.startsWith(".keepsake/")) {
          files.put(rel, ContentHash.of(p).hash8());
        }
      }
    }
    return files;
  }

  private Map<String, KnownFile> ledgerFiles() {
    try (Ledger ledger = Ledger.open(archive.resolve(".keepsake/ledger.db"), CLOCK)) {
      return ledger.files().knownFiles("pixel");
    }
  }

  @Test
  void archivesByCaptureDateAndASecondRunCopiesNothingAndHashesNothing() throws Exception {
    put("DCIM/Camera/IMG_1.jpg", photo("2023:09:16 12:34:56", "1"));
    put("DCIM/Camera/VID_1.mp4", Mp4Fixture.mp4(Instant.parse("2022-01-01T03:15:00Z"), "2"));
    put("DCIM/Camera/notes.txt", "not media".getBytes());

    IngestSummary first = ingest();
    assertThat(first.archived()).isEqualTo(2);
    assertThat(first.skipped()).isEqualTo(1);
    assertThat(first.failed()).isZero();
    assertThat(archived()).containsOnlyKeys("2023/09/IMG_1.jpg", "2022/01/VID_1.mp4");
    assertThat(archive.resolve("2023/09/IMG_1.jpg")).hasSameBinaryContentAs(phone.resolve("DCIM/Camera/IMG_1.jpg"));
    assertThat(Files.getLastModifiedTime(archive.resolve("2023/09/IMG_1.jpg")))
        .isEqualTo(FileTime.from(Instant.parse("2020-02-02T10:00:00Z")));

    opens.set(0);
    IngestSummary second = ingest();
    assertThat(second.archived()).isZero();
    assertThat(second.unchanged()).isEqualTo(2);
    assertThat(second.skipped()).isEqualTo(1);
    assertThat(opens.get()).as("files opened on a pass over unchanged files").isZero();
  }

  @Test
  void smallFilesAreSyncedTogetherBeforeTheyAreNamedAndNamedBeforeTheyAreRecorded() throws Exception {
    for (int i = 0; i < 40; i++) {
      put("DCIM/IMG_" + i + ".jpg", photo("2023:0" + (1 + i % 8) + ":16 12:34:56", "group " + i)); // 8 folders
    }
    List<String> seenAtEachSync = new java.util.ArrayList<>();
    IngestSummary summary = ingest(options().withFileSystemSync(root -> {
      try (java.sql.Connection db = java.sql.DriverManager.getConnection("jdbc:sqlite:" + archive.resolve(".keepsake/ledger.db"));
          java.sql.ResultSet rows = db.createStatement().executeQuery("SELECT count(*) FROM contents")) {
        seenAtEachSync.add(named() + " named, " + rows.getInt(1) + " recorded");
      } catch (java.sql.SQLException e) {
        throw new IOException(e);
      }
    }));
    assertThat(summary.archived()).isEqualTo(40);
    assertThat(seenAtEachSync).hasSizeBetween(2, 40); // shared: not one sync per file
    assertThat(seenAtEachSync.get(0)).isEqualTo("0 named, 0 recorded"); // the bytes are durable before any name
    assertThat(seenAtEachSync.get(seenAtEachSync.size() - 1)).isEqualTo("40 named, 0 recorded"); // the names before the rows
    assertThat(ledgerFiles()).hasSize(40);
  }

  @Test
  void aFewSmallPhotosTakeTheirOwnFsyncsNotASyncOfTheWholeDisk() throws Exception {
    AtomicInteger syncs = new AtomicInteger();
    for (int i = 1; i < Archiver.GROUP_SYNC_MIN_FILES; i++) { // one fewer than a group
      put("DCIM/IMG_" + i + ".jpg", photo("2023:01:16 12:34:56", "few " + i));
    }
    put("DCIM/VID_1.mp4", Mp4Fixture.mp4(Instant.parse("2022-01-01T03:15:00Z"), "lone video")); // alone in its phase too
    assertThat(ingest(options().withFileSystemSync(root -> syncs.incrementAndGet())).archived())
        .isEqualTo(Archiver.GROUP_SYNC_MIN_FILES);
    assertThat(syncs).hasValue(0); // the service's usual case: a few new photos, an fsync each and one a folder
    assertThat(archived()).hasSize(Archiver.GROUP_SYNC_MIN_FILES).containsKey("2022/01/VID_1.mp4");
  }

  @Test
  void whenTheFileSystemSyncFailsEachFileIsFsyncedOnItsOwnAndNothingIsLost() throws Exception {
    for (int i = 0; i < 24; i++) {
      put("DCIM/IMG_" + i + ".jpg", photo("2023:0" + (1 + i % 8) + ":16 12:34:56", "fails " + i));
    }
    AtomicInteger attempts = new AtomicInteger();
    IngestSummary summary = ingest(options().withFileSystemSync(root -> {
      attempts.incrementAndGet();
      throw new IOException("sync --file-system " + root + " failed (exit 1): Input/output error");
    }));
    assertThat(summary.archived()).isEqualTo(24);
    assertThat(summary.failed()).isZero();
    assertThat(attempts).hasValue(1); // it never worked here: not tried for every group
    for (int i = 0; i < 24; i++) {
      assertThat(archive.resolve("2023/0" + (1 + i % 8) + "/IMG_" + i + ".jpg")).hasSameBinaryContentAs(phone.resolve("DCIM/IMG_" + i + ".jpg"));
    }
  }

  @Test
  void aFolderThatCannotBeMadeDurableLeavesItsFilesUnrecordedAndSaysSoThenTheNextPassRecordsThem() throws Exception {
    for (int i = 0; i < 6; i++) {
      put("DCIM/IMG_" + i + ".jpg", photo("2023:0" + (1 + i % 2) + ":16 12:34:56", "eio " + i)); // 2023/01 and 2023/02
    }
    Files.copy(phone.resolve("DCIM/IMG_1.jpg"), Files.createDirectories(phone.resolve("WhatsApp")).resolve("IMG_1.jpg"));
    java.util.concurrent.atomic.AtomicBoolean diskTrouble = new java.util.concurrent.atomic.AtomicBoolean(true);
    IngestOptions eio = options().withFolderSync((copier, dir) -> {
      if (diskTrouble.get() && dir.endsWith("2023/02")) {
        throw new IOException("Input/output error");
      }
      copier.fsyncFolder(dir);
    });

    IngestSummary first = ingest(eio);
    assertThat(first.archived()).isEqualTo(3); // 2023/01
    assertThat(first.failed()).isEqualTo(4); // the three in 2023/02 and the WhatsApp copy of one of them
    assertThat(outcomes).filteredOn(o -> o.kind() == FileOutcome.Kind.FAILED).hasSize(4).allSatisfy(o -> {
      assertThat(o.archivePath()).isNull(); // a failure names no archive copy as the file's
      assertThat(o.message()).contains("2023/02/IMG_", "could not be made durable (Input/output error)",
          "Not recorded yet");
    });
    assertThat(outcomes).filteredOn(o -> o.kind() == FileOutcome.Kind.ARCHIVED)
        .extracting(FileOutcome::archivePath).allMatch(path -> path.startsWith("2023/01/"));
    assertThat(ledgerFiles()).containsOnlyKeys("DCIM/IMG_0.jpg", "DCIM/IMG_2.jpg", "DCIM/IMG_4.jpg");
    assertThat(named()).isEqualTo(6); // the copies stay where they were placed

    diskTrouble.set(false);
    IngestSummary second = ingest(eio);
    assertThat(second.failed()).isZero();
    assertThat(second.archived() + second.duplicates()).isEqualTo(4);
    assertThat(named()).isEqualTo(6); // the copies found and adopted, not copied again beside them
    assertThat(ledgerFiles()).hasSize(7);
    assertThat(ledgerFiles().get("WhatsApp/IMG_1.jpg").state()).isEqualTo(FileState.DUPLICATE);
  }

  @Test
  void whenTheGroupSyncFailsAndThenOneFolderTooOnlyThatFoldersFilesWaitForTheNextPass() throws Exception {
    for (int i = 0; i < 24; i++) {
      put("DCIM/IMG_" + i + ".jpg", photo("2023:0" + (1 + i % 8) + ":16 12:34:56", "group eio " + i)); // 8 folders
    }
    IngestSummary summary = ingest(options()
        .withFileSystemSync(root -> {
          throw new IOException("sync --file-system " + root + " failed (exit 1): Input/output error");
        })
        .withFolderSync((copier, dir) -> {
          if (dir.endsWith("2023/03")) {
            throw new IOException("Input/output error");
          }
          copier.fsyncFolder(dir);
        }));
    assertThat(summary.archived()).isEqualTo(21);
    assertThat(summary.failed()).isEqualTo(3);
    assertThat(ledgerFiles()).hasSize(21).doesNotContainKeys("DCIM/IMG_2.jpg", "DCIM/IMG_10.jpg", "DCIM/IMG_18.jpg");
    assertThat(named()).isEqualTo(24);

    assertThat(ingest().failed()).isZero();
    assertThat(ledgerFiles()).hasSize(24);
    assertThat(named()).isEqualTo(24);
  }

  @Test
  void anArchivedOrDuplicateOutcomeIsToldOnlyOnceTheLedgerHoldsItsRow() throws Exception {
    for (int i = 0; i < 30; i++) {
      put("DCIM/IMG_" + i + ".jpg", photo("2023:0" + (1 + i % 6) + ":16 12:34:56", "told " + i));
    }
    Files.copy(phone.resolve("DCIM/IMG_7.jpg"), Files.createDirectories(phone.resolve("WhatsApp")).resolve("IMG_7.jpg"));
    List<String> toldBeforeRecorded = new java.util.ArrayList<>();
    AtomicInteger told = new AtomicInteger();
    java.sql.Connection[] reader = new java.sql.Connection[1]; // opened once the ingest made the ledger
    try {
      Keepsake.ingestOnce(options(), List.of(source), new dev.keepsake.ingest.IngestListener() {
        @Override
        public void outcome(FileOutcome outcome) {
          told.incrementAndGet();
          try {
            if (reader[0] == null) {
              reader[0] = java.sql.DriverManager.getConnection("jdbc:sqlite:" + archive.resolve(".keepsake/ledger.db"));
            }
            try (java.sql.PreparedStatement row = reader[0].prepareStatement(
                "SELECT state FROM source_files WHERE source = 'pixel' AND path = ?")) {
              row.setString(1, outcome.file().relative());
              try (java.sql.ResultSet rs = row.executeQuery()) {
                String state = rs.next() ? rs.getString(1) : null;
                if (!String.valueOf(outcome.kind()).equals(state)) {
                  toldBeforeRecorded.add(outcome.kind() + " " + outcome.file().relative() + " while the ledger said " + state);
                }
              }
            }
          } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
          }
        }
      });
    } finally {
      if (reader[0] != null) {
        reader[0].close();
      }
    }
    assertThat(told).hasValue(31);
    assertThat(toldBeforeRecorded).isEmpty();
  }

  @Test
  void aLedgerWriteThatFailsInAFlushStopsThatPassAndTheSameArchiversNextPassRecordsEverything() throws Exception {
    for (int i = 0; i < 6; i++) {
      put("DCIM/IMG_" + i + ".jpg", photo("2023:0" + (1 + i % 3) + ":16 12:34:56", "refused " + i));
    }
    String ledgerUrl = "jdbc:sqlite:" + archive.resolve(".keepsake/ledger.db");
    try (Keepsake keepsake = Keepsake.open(options());
        Archiver archiver = keepsake.archiver(recorded, s -> java.time.Duration.ZERO, RetryPolicy.defaults())) {
      try (java.sql.Connection db = java.sql.DriverManager.getConnection(ledgerUrl)) { // a real SQLite error, mid-batch
        db.createStatement().execute("CREATE TRIGGER refuse BEFORE INSERT ON source_files WHEN NEW.path = 'DCIM/IMG_3.jpg'"
            + " BEGIN SELECT RAISE(ABORT, 'refused by the test'); END");
      }
      assertThatThrownBy(() -> archiver.reconcile(List.of(source))).isInstanceOf(dev.keepsake.ledger.LedgerException.class);
      assertThat(recorded.outcomes).noneMatch(o -> o.kind() == FileOutcome.Kind.ARCHIVED); // no row: nothing said archived
      assertThat(ledgerFiles()).isEmpty();

      try (java.sql.Connection db = java.sql.DriverManager.getConnection(ledgerUrl)) {
        db.createStatement().execute("DROP TRIGGER refuse");
      }
      recorded.clear();
      IngestSummary again = archiver.reconcile(List.of(source)); // as the service does: the same archiver, a new pass
      assertThat(again.failed()).isZero();
      assertThat(again.archived()).isEqualTo(6);
    }
    assertThat(ledgerFiles()).hasSize(6);
    assertThat(named()).isEqualTo(6); // the first pass's copies adopted, not copied again
  }

  @Test
  void deletingFromThePhoneNeverTouchesTheArchive() throws Exception {
    put("DCIM/IMG_1.jpg", photo("2023:09:16 12:34:56", "1"));
    put("DCIM/IMG_2.jpg", photo("2023:09:17 12:34:56", "2"));
    ingest();
    Map<String, String> before = archived();
    Files.delete(phone.resolve("DCIM/IMG_1.jpg"));
    Files.delete(phone.resolve("DCIM/IMG_2.jpg"));

    IngestSummary after = ingest();
    assertThat(after.failed()).isZero();
    assertThat(archived()).isEqualTo(before);
    assertThat(ledgerFiles().get("DCIM/IMG_1.jpg").removedAt()).isEqualTo(CLOCK.instant());
  }

  @Test
  void sameContentUnderAnotherNameIsRecordedNotCopiedAgain() throws Exception {
    byte[] bytes = photo("2023:09:16 12:34:56", "same");
    put("DCIM/IMG_1.jpg", bytes);
    put("WhatsApp/Media/IMG-20230916-WA0001.jpg", bytes);
    IngestSummary summary = ingest();
    assertThat(summary.archived()).isEqualTo(1);
    assertThat(summary.duplicates()).isEqualTo(1);
    assertThat(archived()).hasSize(1);
    assertThat(ledgerFiles()).containsKeys("DCIM/IMG_1.jpg", "WhatsApp/Media/IMG-20230916-WA0001.jpg");
    assertThat(ledgerFiles().values()).extracting(KnownFile::state).containsExactlyInAnyOrder(FileState.ARCHIVED, FileState.DUPLICATE);
  }

  @Test
  void sameNameOtherContentGetsAHashSuffixAndBothAreKept() throws Exception {
    put("DCIM/a/IMG_0001.JPG", photo("2023:09:16 12:00:00", "a"));
    put("DCIM/b/IMG_0001.JPG", photo("2023:09:20 12:00:00", "b"));
    ingest();
    String hashA = ContentHash.of(phone.resolve("DCIM/a/IMG_0001.JPG")).hash8();
    String hashB = ContentHash.of(phone.resolve("DCIM/b/IMG_0001.JPG")).hash8();
    Map<String, String> files = archived();
    assertThat(files).hasSize(2).containsKey("2023/09/IMG_0001.JPG").containsValues(hashA, hashB);
    String second = files.get("2023/09/IMG_0001.JPG").equals(hashA) ? hashB : hashA; // walk order decides who came first
    assertThat(files).containsEntry("2023/09/IMG_0001~" + second + ".JPG", second);
  }

  @Test
  void aModifiedSourceFileKeepsBothVersions() throws Exception {
    Path file = put("DCIM/IMG_1.jpg", photo("2023:09:16 12:34:56", "v1"));
    ingest();
    Files.write(file, photo("2023:09:16 12:34:56", "v2, edited on the phone"));
    IngestSummary summary = ingest();
    assertThat(summary.archived()).isEqualTo(1);
    assertThat(archived()).hasSize(2).containsKey("2023/09/IMG_1.jpg");
    assertThat(archive.resolve("2023/09/IMG_1.jpg")).hasBinaryContent(photo("2023:09:16 12:34:56", "v1"));
  }

  @Test
  void aTouchedButUnchangedFileIsNotCopiedAgain() throws Exception {
    Path file = put("DCIM/IMG_1.jpg", photo("2023:09:16 12:34:56", "1"));
    ingest();
    Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2024-01-01T00:00:00Z")));
    IngestSummary summary = ingest();
    assertThat(summary.unchanged()).isEqualTo(1);
    assertThat(summary.archived()).isZero();
    assertThat(archived()).hasSize(1);
  }

  @Test
  void tempFilesLeftByACrashAreRemovedOnTheNextStart() throws Exception {
    Path dir = Files.createDirectories(archive.resolve("2023/09"));
    Path leftover = Files.writeString(dir.resolve(".keepsake-tmp-1234"), "half a photo");
    try (Ledger ledger = Ledger.open(archive.resolve(".keepsake/ledger.db"), CLOCK)) {
      ledger.temps().willWriteIn(dir); // what a copy does before it creates its temp file
    }
    put("DCIM/IMG_1.jpg", photo("2023:09:16 12:34:56", "1"));
    ingest();
    assertThat(leftover).doesNotExist();
    assertThat(archived()).containsOnlyKeys("2023/09/IMG_1.jpg");
  }

  @Test
  void anUnreadableFileIsListedAndTheOthersContinue() throws Exception {
    put("DCIM/IMG_1.jpg", photo("2023:09:16 12:34:56", "1"));
    Path secret = put("DCIM/IMG_2.jpg", photo("2023:09:17 12:34:56", "2"));
    opener = file -> {
      if (file.path().equals(secret)) {
        throw new AccessDeniedException(file.toString());
      }
      return file.open();
    };
    IngestSummary summary = ingest();
    assertThat(summary.archived()).isEqualTo(1);
    assertThat(summary.failed()).isEqualTo(1);
    FileOutcome failure = outcomes.stream().filter(o -> o.kind() == FileOutcome.Kind.FAILED).findFirst().orElseThrow();
    assertThat(failure.failure()).isEqualTo(FailureKind.PERMISSION_DENIED);
    assertThat(failure.message()).contains("IMG_2.jpg").contains("read access");
  }

  @Test
  void corruptAndTruncatedMediaIsStillArchivedDatedByTheNextRule() throws Exception {
    byte[] whole = photo("2023:09:16 12:34:56", "cut");
    put("DCIM/IMG_20190102_030405.jpg", java.util.Arrays.copyOf(whole, 40)); // cut inside the EXIF block
    byte[] garbled = new byte[5000];
    new java.util.Random(7).nextBytes(garbled);
    garbled[0] = (byte) 0xFF;
    garbled[1] = (byte) 0xD8;
    garbled[2] = (byte) 0xFF;
    put("DCIM/garbled.jpg", garbled);
    IngestSummary summary = ingest();
    assertThat(summary.failed()).isZero();
    assertThat(archived()).containsOnlyKeys("2019/01/IMG_20190102_030405.jpg", "2020/02/garbled.jpg");
  }

  @Test
  void emptyFilesAndOtherFilesAreSkippedAndIgnoredNamesAreNotEvenCounted() throws Exception {
    put("DCIM/IMG_20170101_010101.jpg", new byte[0]);
    put("DCIM/.syncthing.IMG_9.jpg.tmp", photo("2023:09:16 12:34:56", "tmp"));
    put("DCIM/~syncthing~IMG_8.jpg.tmp", photo("2023:09:16 12:34:56", "tmp2"));
    put(".stversions/DCIM/IMG_7~20230101-101010.jpg", photo("2023:09:16 12:34:56", "v"));
    put(".stfolder/.keep", new byte[1]);
    put("DCIM/.thumbnails/123.jpg", photo("2023:09:16 12:34:56", "thumb"));
    put("DCIM/.trashed-1700000000-IMG_6.jpg", photo("2023:09:16 12:34:56", "trash"));
    put("DCIM/.nomedia", new byte[0]);
    IngestSummary summary = ingest();
    assertThat(summary.archived()).isZero();
    assertThat(summary.skipped()).isEqualTo(1);
    assertThat(archived()).isEmpty();
  }

  @Test
  void includeAndExcludeGlobsChooseTheFiles() throws Exception {
    source = new Source("pixel", phone, PathFilter.of(List.of("DCIM/**"), List.of("**/Screenshots/**")), false);
    put("DCIM/Camera/IMG_1.jpg", photo("2023:09:16 12:34:56", "1"));
    put("DCIM/Screenshots/Screenshot_1.jpg", photo("2023:09:16 12:34:56", "2"));
    put("Download/meme.jpg", photo("2023:09:16 12:34:56", "3"));
    IngestSummary summary = ingest();
    assertThat(archived()).containsOnlyKeys("2023/09/IMG_1.jpg");
    assertThat(summary.skipped()).isEqualTo(2);
  }

  @Test
  void sidecarsFollowTheirPhotoEvenWhenItWasRenamedForAClash() throws Exception {
    Files.createDirectories(archive.resolve("2023/09"));
    Files.write(archive.resolve("2023/09/IMG_0001.JPG"), photo("2023:09:01 00:00:00", "an older photo"));
    put("DCIM/IMG_0001.JPG", photo("2023:09:16 12:34:56", "new"));
    put("DCIM/IMG_0001.JPG.xmp", "<x:xmpmeta/>".getBytes());
    put("DCIM/IMG_0001.AAE", "<plist/>".getBytes());
    Files.setLastModifiedTime(phone.resolve("DCIM/IMG_0001.AAE"), FileTime.from(Instant.parse("2025-05-05T00:00:00Z")));
    ingest();
    String h = ContentHash.of(phone.resolve("DCIM/IMG_0001.JPG")).hash8();
    assertThat(archived()).containsOnlyKeys("2023/09/IMG_0001.JPG", "2023/09/IMG_0001~" + h + ".JPG",
        "2023/09/IMG_0001~" + h + ".JPG.xmp", "2023/09/IMG_0001~" + h + ".AAE");
  }

  @Test
  void aSidecarArrivingLaterStillFollowsItsPhoto() throws Exception {
    put("DCIM/IMG_0002.HEIC.jpg", photo("2021:03:04 05:06:07", "x"));
    ingest();
    put("DCIM/IMG_0002.HEIC.aae", "<plist/>".getBytes());
    Files.setLastModifiedTime(phone.resolve("DCIM/IMG_0002.HEIC.aae"), FileTime.from(Instant.parse("2025-05-05T00:00:00Z")));
    ingest();
    assertThat(archived()).containsOnlyKeys("2021/03/IMG_0002.HEIC.jpg", "2021/03/IMG_0002.HEIC.aae");
  }

  @Test
  void liveFotoHalvesLandSideBySideEvenWhenUtcPutsTheVideoInAnotherMonth() throws Exception {
    put("DCIM/IMG_0003.JPG", photo("2023:09:30 23:59:58", "still"));
    put("DCIM/IMG_0003.MOV", Mp4Fixture.mov(Instant.parse("2023-10-01T00:00:01Z"), "motion"));
    ingest(options().withLayout(LayoutTemplate.parse("{yyyy}/{MM}/{type}/{name}")));
    assertThat(archived()).containsOnlyKeys("2023/09/photo/IMG_0003.JPG", "2023/09/photo/IMG_0003.MOV");
  }

  @Test
  void symlinksAreNeverFollowedNorArchived() throws Exception {
    Path outside = Files.createDirectory(tmp.resolve("outside"));
    Files.write(outside.resolve("private.jpg"), photo("2023:09:16 12:34:56", "private"));
    Files.createSymbolicLink(phone.resolve("link-dir"), outside);
    Files.createSymbolicLink(phone.resolve("link.jpg"), outside.resolve("private.jpg"));
    put("DCIM/IMG_1.jpg", photo("2023:09:16 12:34:56", "1"));
    IngestSummary summary = ingest();
    assertThat(archived()).containsOnlyKeys("2023/09/IMG_1.jpg");
    assertThat(summary.skipped()).isEqualTo(2);
  }

  @Test
  void unicodeAndVeryLongNamesAreKeptAsTheyAre() throws Exception {
    String nfd = "Cafe\u0301 – 東京 🎉.jpg";
    String longName = "IMG_" + "x".repeat(240) + ".jpg"; // 248 bytes: near the 255-byte limit
    put("DCIM/" + nfd, photo("2023:09:16 12:34:56", "u"));
    put("DCIM/" + longName, photo("2023:09:16 12:34:56", "l"));
    put("DCIM/-rf --no-preserve-root.jpg", photo("2023:09:16 12:34:56", "dash"));
    IngestSummary summary = ingest();
    assertThat(summary.failed()).isZero();
    assertThat(archived()).containsOnlyKeys("2023/09/" + nfd, "2023/09/" + longName, "2023/09/-rf --no-preserve-root.jpg");
  }

  @Test
  void dryRunWritesNothingAnywhere() throws Exception {
    put("DCIM/IMG_1.jpg", photo("2023:09:16 12:34:56", "1"));
    IngestSummary summary = ingest(options().withDryRun(true));
    assertThat(summary.archived()).isEqualTo(1);
    assertThat(outcomes).extracting(FileOutcome::archivePath).containsExactly("2023/09/IMG_1.jpg");
    try (Stream<Path> s = Files.list(archive)) {
      assertThat(s).isEmpty();
    }
  }

  @Test
  void dryRunAgainstAnExistingLedgerChangesNothingInIt() throws Exception {
    put("DCIM/IMG_1.jpg", photo("2023:09:16 12:34:56", "1"));
    ingest();
    put("DCIM/IMG_2.jpg", photo("2023:09:17 12:34:56", "2"));
    Map<String, Long> before = new TreeMap<>();
    try (Stream<Path> s = Files.walk(archive)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        before.put(archive.relativize(p).toString(), Files.getLastModifiedTime(p).toMillis() + Files.size(p));
      }
    }
    IngestSummary summary = ingest(options().withDryRun(true));
    assertThat(summary.archived()).isEqualTo(1);
    assertThat(summary.unchanged()).isEqualTo(1);
    Map<String, Long> after = new TreeMap<>();
    try (Stream<Path> s = Files.walk(archive)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        after.put(archive.relativize(p).toString(), Files.getLastModifiedTime(p).toMillis() + Files.size(p));
      }
    }
    assertThat(after).isEqualTo(before);
  }

  @Test
  void aMissingArchiveRootIsRefusedAndNotCreated() throws Exception {
    Files.delete(archive);
    put("DCIM/IMG_1.jpg", photo("2023:09:16 12:34:56", "1"));
    assertThatThrownBy(this::ingest).isInstanceOf(ArchiveUnavailableException.class)
        .hasMessageContaining("does not exist").hasMessageContaining("mkdir -p");
    assertThat(archive).doesNotExist();
  }

  @Test
  void aTargetBlockedByAFileFailsThatFileOnly() throws Exception {
    Files.writeString(archive.resolve("2023"), "not a folder");
    put("DCIM/IMG_1.jpg", photo("2023:09:16 12:34:56", "1"));
    put("DCIM/IMG_2.jpg", photo("2021:01:01 00:00:00", "2"));
    IngestSummary summary = ingest();
    assertThat(summary.failed()).isEqualTo(1);
    assertThat(summary.archived()).isEqualTo(1);
    assertThat(outcomes).filteredOn(o -> o.kind() == FileOutcome.Kind.FAILED).singleElement()
        .satisfies(o -> assertThat(o.message()).contains("is a file, not a folder"));
    assertThat(archive.resolve("2023")).hasContent("not a folder");
  }

  @Test
  void theSourceIsNeverWrittenTo() throws Exception {
    put("DCIM/IMG_1.jpg", photo("2023:09:16 12:34:56", "1"));
    put("DCIM/IMG_1.JPG.xmp", "<x/>".getBytes());
    Map<String, FileTime> before = new TreeMap<>();
    try (Stream<Path> s = Files.walk(phone)) {
      for (Path p : s.toList()) {
        before.put(phone.relativize(p).toString(), Files.getLastModifiedTime(p));
      }
    }
    ingest();
    ingest();
    Map<String, FileTime> after = new TreeMap<>();
    try (Stream<Path> s = Files.walk(phone)) {
      for (Path p : s.toList()) {
        after.put(phone.relativize(p).toString(), Files.getLastModifiedTime(p));
      }
    }
    assertThat(after).isEqualTo(before);
  }

  @Test
  void anyThrowableWhileArchivingOneFileFailsThatFileOnly() throws Exception {
    put("DCIM/IMG_1.jpg", photo("2023:09:16 12:34:56", "1"));
    Path deep = put("DCIM/IMG_2.jpg", photo("2023:09:17 12:34:56", "2"));
    Path heavy = put("DCIM/IMG_3.jpg", photo("2023:09:18 12:34:56", "3"));
    opener = file -> {
      if (file.path().equals(deep)) {
        throw new StackOverflowError("simulated: a parser recursed too deep");
      }
      if (file.path().equals(heavy)) {
        throw new OutOfMemoryError("simulated: the heap ran out on this file");
      }
      return file.open();
    };
    IngestSummary summary = ingest();
    assertThat(summary.archived()).isEqualTo(1);
    assertThat(summary.failed()).isEqualTo(2);
    assertThat(outcomes).filteredOn(o -> o.kind() == FileOutcome.Kind.FAILED)
        .extracting(FileOutcome::failure).containsOnly(dev.keepsake.failure.FailureKind.INTERNAL_ERROR);
    opener = file -> file.open();
    recorded.clear();
    assertThat(ingest().archived()).as("the next pass archives them").isEqualTo(2);
  }

  @Test
  void namesBeyondTheBasicPlaneAndFolderNamesThatSortBetweenFilesMeetTheirRowsOnTheNextPass() throws Exception {
    String[] names = {"DCIM/a.jpg", "DCIM/a/b.jpg", "DCIM/a-b.jpg", "DCIM/\uFB01le.jpg", "DCIM/\uD83D\uDE00.jpg",
        "DCIM/\u00e4.jpg", "DCIM/b/c.jpg", "DCIM/b.jpg"};
    for (int i = 0; i < names.length; i++) {
      put(names[i], photo("2023:09:16 12:34:56", "n" + i));
    }
    assertThat(ingest().archived()).isEqualTo(names.length);
    IngestSummary again = ingest();
    assertThat(again.unchanged()).as("every walked file met its row").isEqualTo(names.length);
    assertThat(ledgerFiles().values()).allSatisfy(k -> assertThat(k.removedAt()).isNull());
    Files.delete(phone.resolve("DCIM/\uD83D\uDE00.jpg"));
    ingest();
    assertThat(ledgerFiles().values().stream().filter(k -> k.removedAt() != null).map(k -> k.path()))
        .containsExactly("DCIM/\uD83D\uDE00.jpg");
  }
}
