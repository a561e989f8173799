package dev.keepsake.reliability;

import static dev.keepsake.testing.JpegFixture.jpeg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keepsake.ingest.RetryPolicy;
import dev.keepsake.app.Keepsake;
import dev.keepsake.failure.FailureKind;
import dev.keepsake.archive.ContentHash;
import dev.keepsake.ingest.ArchiveUnavailableException;
import dev.keepsake.ingest.Archiver;
import dev.keepsake.ingest.FileOutcome;
import dev.keepsake.ingest.IngestOptions;
import dev.keepsake.ingest.IngestSummary;
import dev.keepsake.ledger.Ledger;
import dev.keepsake.notify.MailException;
import dev.keepsake.notify.MailMessage;
import dev.keepsake.notify.OutboxTransport;
import dev.keepsake.source.Source;
import dev.keepsake.testing.RecordingListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Links planted on a path — in the archive, in a source, in .stversions, in Keepsake's own state —
 * and names the file system refuses: each case fails only the file it touches, names the link, and
 * nothing is written outside the archive or read from outside a source.
 */
@Tag("reliability")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ContainmentTest {
  @TempDir Path tmp;
  Path phone;
  Path archive;
  Path outside;
  final RecordingListener recorded = new RecordingListener();
  static int cases;
  static int writtenOutside;
  static int readOutside;
  static int lost;

  @BeforeEach
  void setUp() throws IOException {
    phone = Files.createDirectories(tmp.resolve("phone"));
    archive = Files.createDirectory(tmp.resolve("archive"));
    outside = Files.createDirectory(tmp.resolve("outside"));
    // what a link would reach: a photo of its own (read outside if it shows up in the archive)
    Files.createDirectories(outside.resolve("DCIM"));
    Files.write(outside.resolve("secret.jpg"), jpeg().original("2023:09:16 10:00:00").salt("outside").bytes());
    Files.write(outside.resolve("DCIM/gone.jpg"), jpeg().original("2023:09:16 10:00:00").salt("outside 2").bytes());
  }

  @AfterAll
  static void figures() {
    Figures.print("links and names", "cases " + cases + ", files lost " + lost + ", written outside " + writtenOutside
        + ", read outside " + readOutside);
  }

  private Path photo(String relative, String date) throws IOException {
    Path file = phone.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.write(file, jpeg().original(date).salt(relative).bytes());
    return file;
  }

  private IngestSummary ingest() throws ArchiveUnavailableException {
    return Keepsake.ingestOnce(IngestOptions.defaults(archive, ZoneOffset.UTC), List.of(Source.of("pixel", phone)), recorded);
  }

  private IngestSummary paths(String... paths) throws ArchiveUnavailableException {
    try (Keepsake keepsake = Keepsake.open(IngestOptions.defaults(archive, ZoneOffset.UTC));
        Archiver archiver = keepsake.archiver(recorded, s -> Duration.ZERO, RetryPolicy.defaults())) {
      return archiver.ingestPaths(Source.of("pixel", phone), List.of(paths));
    }
  }

  /** Counts this case, and what came in from outside or went out: both must stay 0. */
  private void checkContained(Set<Path> outsideBefore) throws IOException {
    cases++;
    Set<Path> now = files(outside);
    now.removeAll(outsideBefore);
    writtenOutside += now.size();
    assertThat(now).as("written outside the archive").isEmpty();
    Set<ContentHash> foreign = new HashSet<>();
    for (Path p : files(outside)) {
      foreign.add(ContentHash.of(p));
    }
    for (Path p : files(archive)) {
      if (!p.toString().contains("/.keepsake/") && foreign.contains(ContentHash.of(p))) {
        readOutside++;
        assertThat(p).as("a file from outside the source was archived").isNull();
      }
    }
  }

  private static Set<Path> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return new HashSet<>(s.filter(Files::isRegularFile).toList());
    }
  }

  private void archived(String relative) {
    if (!Files.isRegularFile(archive.resolve(relative))) {
      lost++;
    }
    assertThat(archive.resolve(relative)).isRegularFile();
  }

  @Test
  void aLinkedLayoutFolderFailsItsFilesNamingTheLinkAndTheRestGoOn() throws Exception {
    photo("DCIM/IMG_1.jpg", "2023:09:16 12:00:00");
    photo("DCIM/IMG_2.jpg", "2024:01:02 12:00:00");
    Files.createSymbolicLink(archive.resolve("2023"), outside);
    Set<Path> before = files(outside);
    IngestSummary summary = ingest();
    assertThat(summary.archived()).isEqualTo(1);
    archived("2024/01/IMG_2.jpg");
    assertThat(recorded.outcomes).filteredOn(o -> o.kind() == FileOutcome.Kind.FAILED).singleElement().satisfies(o -> {
      assertThat(o.failure()).isEqualTo(FailureKind.ARCHIVE_LINK);
      assertThat(o.message()).contains(archive.resolve("2023").toString()).contains("remove the link");
    });
    checkContained(before);

    Files.delete(archive.resolve("2023"));
    Files.createDirectories(archive.resolve("2023"));
    Files.createSymbolicLink(archive.resolve("2023/09"), outside); // one level deeper
    recorded.clear();
    assertThat(ingest().failed()).isEqualTo(1);
    checkContained(before);
  }

  @Test
  void aLinkedStateFolderOrLedgerStopsTheRunBeforeAnythingIsWritten() throws Exception {
    photo("DCIM/IMG_1.jpg", "2023:09:16 12:00:00");
    Set<Path> before = files(outside);
    Files.createSymbolicLink(archive.resolve(".keepsake"), outside);
    assertThatThrownBy(this::ingest).isInstanceOf(ArchiveUnavailableException.class)
        .hasMessageContaining(archive.resolve(".keepsake").toString()).hasMessageContaining("remove the link");
    checkContained(before);

    Files.delete(archive.resolve(".keepsake"));
    Files.createDirectory(archive.resolve(".keepsake"));
    Files.writeString(outside.resolve("precious.db"), "not a ledger");
    Files.createSymbolicLink(archive.resolve(".keepsake/ledger.db"), outside.resolve("precious.db"));
    before = files(outside);
    assertThatThrownBy(this::ingest).isInstanceOf(ArchiveUnavailableException.class).hasMessageContaining("ledger.db");
    assertThat(outside.resolve("precious.db")).hasContent("not a ledger");
    checkContained(before);

    Files.delete(archive.resolve(".keepsake/ledger.db"));
    Files.deleteIfExists(archive.resolve(".keepsake/lock"));
    Files.createSymbolicLink(archive.resolve(".keepsake/lock"), outside.resolve("lock"));
    assertThatThrownBy(this::ingest).isInstanceOf(ArchiveUnavailableException.class).hasMessageContaining("lock");
    assertThat(outside.resolve("lock")).doesNotExist();
    checkContained(before);
  }

  @Test
  void aLinkedOutboxKeepsTheMailAndWritesNothingThrough() throws Exception {
    Files.createDirectories(archive.resolve(".keepsake"));
    Files.createSymbolicLink(archive.resolve(".keepsake/outbox"), outside);
    Set<Path> before = files(outside);
    OutboxTransport outbox = new OutboxTransport(archive.resolve(".keepsake/outbox"), archive, "k@nas", List.of("me@home"),
        Clock.systemUTC());
    assertThatThrownBy(() -> outbox.send(new MailMessage("s", "text", "<p>html</p>", null)))
        .isInstanceOf(MailException.class).hasMessageContaining("symbolic link");
    checkContained(before);
  }

  @Test
  void aLedgerRowNamingAFolderOutsideTheArchiveCleansNothingThere() throws Exception {
    Path leftover = Files.writeString(outside.resolve(".keepsake-tmp-not-ours"), "someone else's file");
    try (Ledger ledger = Ledger.open(archive.resolve(".keepsake/ledger.db"), Clock.systemUTC())) {
      ledger.temps().willWriteIn(outside); // a ledger edited by hand, or restored from another machine
      ledger.temps().willWriteIn(archive.resolve("linked"));
    }
    Files.createSymbolicLink(archive.resolve("linked"), outside);
    Files.writeString(outside.resolve(".keepsake-tmp-also-not-ours"), "x");
    Set<Path> before = files(outside);
    ingest();
    assertThat(leftover).exists();
    assertThat(outside.resolve(".keepsake-tmp-also-not-ours")).exists();
    checkContained(before);
  }

  @Test
  void aLinkedFolderInASourceIsNeverFollowedWhateverNamesThePath() throws Exception {
    photo("DCIM/IMG_1.jpg", "2023:09:16 12:00:00");
    Files.createSymbolicLink(phone.resolve("DCIM/linked"), outside);
    Set<Path> before = files(outside);
    IngestSummary summary = paths("DCIM/linked/secret.jpg", "DCIM/IMG_1.jpg"); // as a hook, the API or an event gives them
    assertThat(summary.archived()).isEqualTo(1);
    archived("2023/09/IMG_1.jpg");
    assertThat(recorded.outcomes).filteredOn(o -> o.kind() == FileOutcome.Kind.FAILED).singleElement().satisfies(o -> {
      assertThat(o.failure()).isEqualTo(FailureKind.LINK_ON_PATH);
      assertThat(o.message()).contains(phone.resolve("DCIM/linked").toString());
    });
    checkContained(before);
    recorded.clear();
    ingest(); // the walk: passed over
    checkContained(before);
  }

  @Test
  void aLinkedVersionsFolderRescuesNothingFromOutside() throws Exception {
    Files.createSymbolicLink(phone.resolve(".stversions"), outside);
    Set<Path> before = files(outside);
    IngestSummary summary = paths("DCIM/gone.jpg"); // deleted on the phone; outside/DCIM/gone.jpg must not stand in
    assertThat(summary.archived()).isZero();
    assertThat(recorded.outcomes).singleElement().satisfies(o -> {
      assertThat(o.failure()).isEqualTo(FailureKind.LINK_ON_PATH);
      assertThat(o.message()).contains(".stversions");
    });
    checkContained(before);
  }

  @Test
  void aLongNameThatCollidesIsShortenedOnceAndArchivedNotFailedForEver() throws Exception {
    String stem = "É".repeat(100) + "L".repeat(46); // 246 bytes of UTF-8: with ~hash8 it is 259
    photo("DCIM/a/" + stem + ".jpg", "2023:09:16 12:00:00");
    photo("DCIM/b/" + stem + ".jpg", "2023:09:16 12:00:00"); // other content, same name, same month
    photo("DCIM/b/" + stem + ".jpg.xmp", "2023:09:16 12:00:00"); // a sidecar that follows the renamed one
    IngestSummary first = ingest();
    assertThat(first.failed()).as("%s", recorded.outcomes).isZero();
    assertThat(first.archived()).isEqualTo(3);
    try (Stream<Path> s = Files.list(archive.resolve("2023/09"))) {
      List<String> names = s.map(p -> p.getFileName().toString()).toList();
      assertThat(names).hasSize(3).allSatisfy(n -> assertThat(n.getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
          .isLessThanOrEqualTo(255));
      assertThat(names).anySatisfy(n -> assertThat(n).contains("~").endsWith(".jpg"));
      assertThat(names).anySatisfy(n -> assertThat(n).endsWith(".jpg.xmp"));
    }
    recorded.clear();
    assertThat(ingest().failed()).isZero();
    cases++;
  }

  @Test
  void aNameThatIsNotUtf8FailsAloneWithItsOwnKind() throws Exception {
    photo("DCIM/IMG_1.jpg", "2023:09:16 12:00:00");
    Path latin1 = photo("DCIM/latin1.jpg", "2023:09:17 12:00:00");
    // caf\xe9.jpg: a name written by an old Latin-1 tool; Java cannot make it from a string
    Process mv = new ProcessBuilder("sh", "-c", "mv latin1.jpg \"$(printf 'caf\\351.jpg')\"")
        .directory(latin1.getParent().toFile()).start();
    assertThat(mv.waitFor()).isZero();
    IngestSummary summary = ingest();
    assertThat(summary.archived()).isEqualTo(1);
    assertThat(recorded.outcomes).filteredOn(o -> o.kind() == FileOutcome.Kind.FAILED).singleElement().satisfies(o -> {
      assertThat(o.failure()).isEqualTo(FailureKind.UNREPRESENTABLE_NAME);
      assertThat(o.message()).contains("not valid UTF-8").contains("convmv");
    });
    recorded.clear();
    paths("DCIM/caf\uFFFD.jpg"); // what the watcher reports for it: not "vanished"
    assertThat(recorded.outcomes).singleElement().satisfies(o -> assertThat(o.failure()).isEqualTo(FailureKind.UNREPRESENTABLE_NAME));
    cases++;
  }
}
