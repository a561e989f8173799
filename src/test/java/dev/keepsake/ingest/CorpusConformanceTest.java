package dev.keepsake.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keepsake.app.Keepsake;
import dev.keepsake.archive.ContentHash;
import dev.keepsake.ledger.ArchivedContent;
import dev.keepsake.ledger.Ledger;
import dev.keepsake.source.Source;
import dev.keepsake.testing.SharedFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Timeout;

/**
 * Ingests the real phone and camera media of {@code ../shared/corpus} (read straight from there,
 * read-only) with zone UTC, and checks it against the exiftool-made manifest: every file with an
 * expected date lands in that {@code yyyy/MM}; every media file is archived exactly once.
 */
@Timeout(60)
class CorpusConformanceTest {
  @TempDir Path archive;

  private record Row(String relpath, String sha256, String expectedDate) {}

  /**
   * Rows of the manifest whose expectation is NONE but where a rule added since (issue 18) now
   * finds the date exiftool shows in the row's own "secondary date" column: the team's extension
   * of the oracle, kept here so ../shared stays as the team made it.
   */
  private static final java.util.Map<String, String> EXTENDED = java.util.Map.of(
      // H264:DateTimeOriginal=2019:04:24 22:24:00+02:00 DST, the camcorder's MDPM pack
      "cases/mei/mts/Sony ILCE-7M3 (A7M3).mts", "2019-04-24",
      // ItemList:ContentCreateDate=2018:07:04, the weak user-data rule
      "cases/synthetic/vid_udta_day_only_2018-07-04.mp4", "2018-07-04");

  @Test
  void everyCorpusFileLandsInItsExpectedMonthExactlyOnce() throws Exception {
    Path corpus = SharedFolder.corpus();
    List<Row> rows = new ArrayList<>();
    for (String line : Files.readAllLines(corpus.resolve("manifest.tsv"))) {
      if (line.startsWith("#") || line.startsWith("relpath\t")) {
        continue;
      }
      String[] f = line.split("\t", -1);
      rows.add(new Row(f[0], f[1], EXTENDED.getOrDefault(f[0], f[16])));
    }
    assertThat(rows).hasSizeGreaterThan(100);

    Clock clock = Clock.systemUTC();
    IngestOptions options = IngestOptions.defaults(archive, ZoneOffset.UTC).withClock(clock);
    IngestSummary summary = Keepsake.ingestOnce(options, List.of(Source.of("corpus", corpus.resolve("cases"))), IngestListener.NONE);
    assertThat(summary.failed()).isZero();

    SoftAssertions soft = new SoftAssertions();
    Set<String> archivedPaths = new HashSet<>();
    try (Ledger ledger = Ledger.open(archive.resolve(".keepsake/ledger.db"), clock)) {
      for (Row row : rows) {
        var content = ledger.files().content(new ContentHash(row.sha256()));
        soft.assertThat(content).as("%s is archived", row.relpath()).isPresent();
        if (content.isEmpty()) {
          continue;
        }
        ArchivedContent c = content.get();
        archivedPaths.add(c.archivePath());
        soft.assertThat(archive.resolve(c.archivePath())).as(row.relpath()).exists();
        if (!row.expectedDate().equals("NONE")) {
          String month = row.expectedDate().substring(0, 4) + "/" + row.expectedDate().substring(5, 7) + "/";
          soft.assertThat(c.archivePath()).as("%s (expected %s, dated by %s)", row.relpath(), row.expectedDate(),
              c.date().origin().label()).startsWith(month);
        }
      }
      soft.assertThat(ledger.files().contentCount()).as("distinct contents in the ledger").isEqualTo(rows.size());
    }
    try (Stream<Path> files = Files.walk(archive)) {
      List<Path> inArchive = files.filter(Files::isRegularFile)
          .filter(p -> !archive.relativize(p).startsWith(".keepsake")).toList();
      soft.assertThat(inArchive).as("files in the archive: one per corpus file").hasSize(rows.size());
    }
    soft.assertThat(archivedPaths).hasSize(rows.size());
    soft.assertAll();
  }
}
