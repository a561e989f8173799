package dev.keepsake.cli;

import static dev.keepsake.testing.JpegFixture.jpeg;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keepsake.archive.ContentHash;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code keepsake import} over a Takeout-shaped export of two parts built here: cut and
 * {@code supplemental-metadata} sidecar names, {@code (1)} pairs, a sidecar in the other part, an
 * album copy, an edited copy, a photo whose only date is its sidecar, and the phone's own copy
 * already in the archive.
 */
@Timeout(60)
class ImportCommandTest {
  private static final String YEAR = "Takeout/Google Photos/Photos from 2014";
  private static final String LONG = "Screenshot_20140601_100000_com.example.longappname.jpg";

  @TempDir Path tmp;
  Path part1;
  Path part2;
  Path archive;
  private final Cli cli = new Cli();

  private static String sidecar(String title, long takenSeconds) {
    return "{\"title\":\"" + title + "\",\"creationTime\":{\"timestamp\":\"1700000000\"},"
        + "\"photoTakenTime\":{\"timestamp\":\"" + takenSeconds + "\"}}";
  }

  @BeforeEach
  void export() throws IOException {
    part1 = Files.createDirectories(tmp.resolve("takeout-1"));
    part2 = Files.createDirectories(tmp.resolve("takeout-2"));
    archive = Files.createDirectory(tmp.resolve("archive"));
    Path y1 = Files.createDirectories(part1.resolve(YEAR));
    Path y2 = Files.createDirectories(part2.resolve(YEAR));
    Path album = Files.createDirectories(part2.resolve("Takeout/Google Photos/Holiday"));
    // dated only by its sidecar, which landed in the other part (1 June 2014, 10:00 UTC)
    Files.write(y1.resolve("IMG_0001.jpg"), jpeg().salt("one").bytes());
    Files.writeString(y2.resolve("IMG_0001.jpg.supplemental-metadata.json"), sidecar("IMG_0001.jpg", 1401616800L));
    // its edited copy has no sidecar of its own: it takes its original's date
    Files.write(y1.resolve("IMG_0001-edited.jpg"), jpeg().salt("one, edited").bytes());
    // a repeated name: IMG(1).jpg pairs with IMG.jpg(1).json, IMG.jpg with IMG.jpg.json
    Files.write(y1.resolve("IMG.jpg"), jpeg().salt("first IMG").bytes());
    Files.write(y1.resolve("IMG(1).jpg"), jpeg().salt("second IMG").bytes());
    Files.writeString(y1.resolve("IMG.jpg.json"), sidecar("IMG.jpg", 1393675200L)); // 1 Mar 2014
    Files.writeString(y1.resolve("IMG.jpg(1).json"), sidecar("IMG.jpg", 1354363200L)); // 1 Dec 2012
    // a long name whose sidecar name Google cut
    Files.write(y2.resolve(LONG), jpeg().salt("long").bytes());
    Files.writeString(y2.resolve(LONG.substring(0, 46) + ".json"), sidecar(LONG, 1402000000L)); // 5 Jun 2014
    // its own EXIF date beats the sidecar
    Files.write(y2.resolve("DSC_1.jpg"), jpeg().original("2013:07:04 09:00:00").salt("exif").bytes());
    Files.writeString(y2.resolve("DSC_1.jpg.supp.json"), sidecar("DSC_1.jpg", 1401616800L));
    // the album repeats a photo (and its sidecar); the album's own metadata.json names no photo
    Files.write(album.resolve("IMG_0001.jpg"), jpeg().salt("one").bytes());
    Files.writeString(album.resolve("IMG_0001.jpg.json"), sidecar("IMG_0001.jpg", 1401616800L));
    Files.writeString(album.resolve("metadata.json"), "{\"title\":\"Holiday\"}");
    // no date at all but the file time: weak, and listed
    Files.write(y1.resolve("scan.jpg"), jpeg().salt("scan").bytes());
    Files.setLastModifiedTime(y1.resolve("scan.jpg"), java.nio.file.attribute.FileTime.fromMillis(1262347200000L)); // 1 Jan 2010
    Files.writeString(y1.resolve("print-subscriptions.json"), "[]");
    Files.writeString(part1.resolve("Takeout/archive_browser.html"), "<html></html>");
  }

  private String[] importArgs(String... more) {
    List<String> args = new ArrayList<>(List.of("import", "--archive", archive.toString(), "--zone", "UTC"));
    args.addAll(List.of(more));
    args.add(part1.toString());
    args.add(part2.toString());
    return args.toArray(String[]::new);
  }

  @Test
  void aTwoPartExportIsImportedEachPhotoOnceDatedByItsSidecarAfterItsOwnMetadata() throws IOException {
    // the phone's own copy of one photo is archived already
    Path phone = Files.createDirectories(tmp.resolve("pixel/DCIM"));
    Files.write(phone.resolve("PXL.jpg"), jpeg().original("2013:07:04 09:00:00").salt("exif").bytes());
    assertThat(cli.run("ingest", "--source", phone.getParent().toString(), "--archive", archive.toString(), "--zone", "UTC")).isZero();

    assertThat(cli.run(importArgs())).as(cli.err).isZero();
    assertTakeoutPlaced();
    assertThat(archive.resolve("2010/01/scan.jpg")).exists();
    assertThat(archive.resolve("2014/06/DSC_1.jpg")).doesNotExist(); // the phone's copy, 2013/07/PXL.jpg, is it
    assertThat(cli.out).contains("imported 6 (").contains("already in the archive 2") // DSC_1 and the album's copy
        .contains("imported by an earlier run 0").contains("not photos or videos 1").contains("failed 0")
        .contains("dated by the embedded metadata 0, by the Takeout sidecar 5, weakly (name or file time) 1")
        .contains("scan.jpg -> 2010/01/scan.jpg: by the file time, mtime");
    assertThat(mediaIn(archive)).hasSize(7).doesNotHaveDuplicates();

    // run again: everything is found by a stat, nothing is copied twice
    assertThat(cli.run(importArgs())).isZero();
    assertThat(cli.out).contains("imported 0 (").contains("imported by an earlier run 8");
    assertThat(mediaIn(archive)).hasSize(7);
    // why knows where an imported file came from and which rule dated it
    assertThat(cli.run("why", "--archive", archive.toString(), "2012/12/IMG(1).jpg")).isZero();
    assertThat(cli.out).contains("import:").contains("takeout-1/" + YEAR + "/IMG(1).jpg").contains("Takeout sidecar");
  }

  /** The same export as two zip parts, read in place: the same placements, no extracted copy left anywhere. */
  @Test
  void zipPartsAreReadInPlaceWithTheSamePlacementsAndResumeByTheirDirectory() throws IOException {
    Path zip1 = zip(part1, tmp.resolve("takeout-20240101T000000Z-001.zip"));
    Path zip2 = zip(part2, tmp.resolve("takeout-20240101T000000Z-002.zip"));
    String[] args = {"import", "--archive", archive.toString(), "--zone", "UTC", zip1.toString(), zip2.toString()};
    assertThat(cli.run(args)).as(cli.err).isZero();
    assertTakeoutPlaced();
    assertThat(archive.resolve("2013/07/DSC_1.jpg")).exists();
    assertThat(cli.out).contains("imported 7 (").contains("already in the archive 1").contains("failed 0")
        .contains("by the Takeout sidecar 5");
    assertThat(mediaIn(archive)).hasSize(7).doesNotHaveDuplicates();
    assertThat(archive.resolve(".keepsake/import-staging")).doesNotExist(); // nothing extracted is left
    // a second run asks the ledger before it extracts: everything was imported by the first
    assertThat(cli.run(args)).isZero();
    assertThat(cli.out).contains("imported 0 (").contains("imported by an earlier run 8");
    // the folder form of the same export adds nothing either: every photo is in the archive by content
    assertThat(cli.run(importArgs())).isZero();
    assertThat(cli.out).contains("imported 0 (").contains("already in the archive 8");
    assertThat(mediaIn(archive)).hasSize(7);
    assertThat(cli.run("why", "--archive", archive.toString(), "2012/12/IMG(1).jpg")).isZero();
    assertThat(cli.out).contains("takeout-20240101T000000Z-001.zip/" + YEAR + "/IMG(1).jpg");
  }

  /** The same export as .tgz parts (GNU and POSIX tar, made by tar itself), streamed twice, never extracted whole. */
  @Test
  void tgzPartsAreStreamedWithTheSamePlacements() throws Exception {
    Path tgz1 = tgz(part1, tmp.resolve("takeout-20240101T000000Z-001.tgz"), "gnu");
    Path tgz2 = tgz(part2, tmp.resolve("takeout-20240101T000000Z-002.tgz"), "posix");
    String[] args = {"import", "--archive", archive.toString(), "--zone", "UTC", tgz1.toString(), tgz2.toString()};
    assertThat(cli.run(args)).as(cli.err).isZero();
    assertTakeoutPlaced(); // a name over 100 bytes in the tar among them
    assertThat(archive.resolve("2013/07/DSC_1.jpg")).exists();
    assertThat(archive.resolve("2010/01/scan.jpg")).exists();
    assertThat(cli.out).contains("imported 7 (").contains("already in the archive 1").contains("failed 0");
    assertThat(mediaIn(archive)).hasSize(7).doesNotHaveDuplicates();
    assertThat(archive.resolve(".keepsake/import-staging")).doesNotExist();
    assertThat(cli.run(args)).isZero();
    assertThat(cli.out).contains("imported 0 (").contains("imported by an earlier run 8");
    // a part cut short: nothing of it is imported (a photo could lose its sidecar's date), the cut is named with the fix
    byte[] whole = Files.readAllBytes(tgz1);
    Path cut = Files.write(tmp.resolve("cut.tgz"), java.util.Arrays.copyOf(whole, whole.length * 2 / 3));
    Path other = Files.createDirectory(tmp.resolve("other-archive"));
    assertThat(cli.run("import", "--archive", other.toString(), "--zone", "UTC", cut.toString())).isEqualTo(1);
    assertThat(cli.err).contains("cut.tgz is damaged or cut short").contains("no .tgz part was imported")
        .contains("download the part again");
    assertThat(mediaIn(other)).isEmpty(); // no photo of it dated without the sidecar that may lie past the cut
  }

  /** Each photo dated by its sidecar: in the other part, by (n), as an edited copy's original, under a cut name. */
  private void assertTakeoutPlaced() {
    assertThat(archive.resolve("2014/06/IMG_0001.jpg")).exists();
    assertThat(archive.resolve("2014/06/IMG_0001-edited.jpg")).exists();
    assertThat(archive.resolve("2014/03/IMG.jpg")).exists();
    assertThat(archive.resolve("2012/12/IMG(1).jpg")).exists();
    assertThat(archive.resolve("2014/06/" + LONG)).exists();
  }

  private static Path tgz(Path part, Path out, String format) throws Exception {
    Process tar = new ProcessBuilder("tar", "--format=" + format, "-czf", out.toString(), "-C", part.toString(), "Takeout")
        .redirectErrorStream(true).start();
    String said = new String(tar.getInputStream().readAllBytes());
    assertThat(tar.waitFor()).as(said).isZero();
    return out;
  }

  @Test
  void aZipEntryThatWouldLeaveItsFolderIsRefusedAndTheRestImported() throws IOException {
    Path evil = tmp.resolve("evil.zip");
    try (java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(Files.newOutputStream(evil))) {
      for (String name : List.of("../../escaped.jpg", "Takeout/ok.jpg")) {
        out.putNextEntry(new java.util.zip.ZipEntry(name));
        out.write(jpeg().original("2020:01:02 03:04:05").salt(name).bytes());
        out.closeEntry();
      }
    }
    assertThat(cli.run("import", "--archive", archive.toString(), evil.toString())).isEqualTo(1);
    assertThat(cli.err).contains("../../escaped.jpg").contains("refused");
    assertThat(archive.resolve("2020/01/ok.jpg")).exists();
    assertThat(mediaIn(archive)).hasSize(1);
    try (Stream<Path> s = Files.walk(tmp)) {
      assertThat(s.filter(p -> p.getFileName().toString().equals("escaped.jpg")).toList()).isEmpty();
    }
    Path cut = Files.write(tmp.resolve("cut.zip"), java.util.Arrays.copyOf(Files.readAllBytes(evil), 40));
    assertThat(cli.run("import", "--archive", archive.toString(), cut.toString())).isEqualTo(2);
    assertThat(cli.err).contains("cut.zip is not a readable zip").contains("download it again");
  }

  /**
   * Found by a new-user trial: a part that names one path twice, or two ways, lost files silently.
   * Two ways ({@code y//two.jpg}, {@code y/two.jpg}) are both kept; one name twice cannot be read
   * from a zip (an entry is found by its name): both are said, with the fix.
   */
  @Test
  void aPartThatNamesAPathTwiceLosesNothingSilentlyAndALyingSizeFailsAlone() throws IOException {
    Path odd = tmp.resolve("odd.zip");
    byte[] liar = jpeg().original("2021:02:03 04:05:06").salt("liar").bytes();
    try (java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(Files.newOutputStream(odd))) {
      String[][] entries = {{"Takeout/x/dup.jpg", "first"}, {"Takeout/x/dUp.jpg", "second"},
          {"Takeout/y//two.jpg", "one way"}, {"Takeout/y/two.jpg", "other way"}};
      for (String[] e : entries) {
        java.util.zip.ZipEntry entry = new java.util.zip.ZipEntry(e[0]);
        entry.setLastModifiedTime(java.nio.file.attribute.FileTime.fromMillis(1600000000000L));
        out.putNextEntry(entry);
        out.write(jpeg().original("2020:01:02 03:04:05").salt(e[1]).bytes());
        out.closeEntry();
      }
      out.putNextEntry(new java.util.zip.ZipEntry("Takeout/z/liar.jpg"));
      out.write(liar);
      out.closeEntry();
    }
    lieAboutSize(odd, "Takeout/z/liar.jpg", 10);
    renameEverywhere(odd, "Takeout/x/dUp.jpg", "Takeout/x/dup.jpg"); // zip writers refuse a name twice; parts have it
    assertThat(cli.run("import", "-v", "--archive", archive.toString(), odd.toString())).isEqualTo(1);
    String said = cli.out + cli.err;
    assertThat(mediaIn(archive)).as(said).hasSize(2).doesNotHaveDuplicates(); // both ways of two.jpg
    assertThat(cli.err).contains("liar.jpg could not be read").contains("more than the 10 bytes the part says")
        .contains("names Takeout/x/dup.jpg twice: only the first could be read").contains("extract the part");
    // a zip is read by entry name: even the first dup.jpg reads the other's bytes, and fails as such, said
    assertThat(cli.err).contains("Takeout/x/dup.jpg could not be read");
    assertThat(archive.resolve(".keepsake/import-staging")).doesNotExist();
  }

  private static void renameEverywhere(Path zip, String from, String to) throws IOException {
    byte[] bytes = Files.readAllBytes(zip);
    byte[] f = from.getBytes(StandardCharsets.UTF_8);
    byte[] t = to.getBytes(StandardCharsets.UTF_8);
    for (int at = 0; at + f.length <= bytes.length; at++) {
      if (java.util.Arrays.equals(bytes, at, at + f.length, f, 0, f.length)) {
        System.arraycopy(t, 0, bytes, at, t.length);
      }
    }
    Files.write(zip, bytes);
  }

  /** Sets the uncompressed size the zip's central directory gives an entry. */
  private static void lieAboutSize(Path zip, String entry, int size) throws IOException {
    byte[] bytes = Files.readAllBytes(zip);
    java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    byte[] name = entry.getBytes(StandardCharsets.UTF_8);
    for (int at = 0; at + 46 < bytes.length; at++) {
      if (b.getInt(at) == 0x02014b50 && b.getShort(at + 28) == name.length
          && java.util.Arrays.equals(bytes, at + 46, at + 46 + name.length, name, 0, name.length)) {
        b.putInt(at + 24, size);
      }
    }
    Files.write(zip, bytes);
  }

  /** Found by a new-user trial: an album that sorts before its year folder decided the date by file time. */
  @Test
  void aPhotoIsDatedFromItsYearFolderEvenWhenAnAlbumComesFirst() throws IOException {
    Path export = tmp.resolve("export");
    Path album = Files.createDirectories(export.resolve("Takeout/Google Photos/A Day Out"));
    Path year = Files.createDirectories(export.resolve("Takeout/Google Photos/Photos from 2014"));
    byte[] photo = jpeg().salt("in an album and its year").bytes();
    Files.write(album.resolve("IMG_0005.jpg"), photo);
    Files.write(year.resolve("IMG_0005.jpg"), photo);
    Files.writeString(year.resolve("IMG_0005.jpg.json"), sidecar("IMG_0005.jpg", 1401616800L));
    Path zip = zip(export, tmp.resolve("export.zip"));
    assertThat(cli.run("import", "--archive", archive.toString(), "--zone", "UTC", export.toString())).isZero();
    assertThat(archive.resolve("2014/06/IMG_0005.jpg")).exists();
    assertThat(cli.out).contains("by the Takeout sidecar 1").contains("already in the archive 1");
    Path other = Files.createDirectory(tmp.resolve("archive-2"));
    assertThat(cli.run("import", "--archive", other.toString(), "--zone", "UTC", zip.toString())).isZero();
    assertThat(other.resolve("2014/06/IMG_0005.jpg")).exists();
  }

  @Test
  void anImportMayNotTakeTheNameOfAPhone() throws IOException {
    Path config = Files.writeString(tmp.resolve("keepsake.yaml"), "archive:\n  root: " + archive + "\n"
        + "sources:\n  pixel:\n    path: " + Files.createDirectories(tmp.resolve("pixel")) + "\n");
    assertThat(cli.run("import", "--config", config.toString(), "--as", "pixel", part1.toString())).isEqualTo(2);
    assertThat(cli.err).contains("--as pixel is a source of").contains("a name of its own");
    assertThat(mediaIn(archive)).isEmpty();
  }

  private static Path zip(Path part, Path zipFile) throws IOException {
    try (java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zipFile));
        Stream<Path> files = Files.walk(part)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        java.util.zip.ZipEntry e = new java.util.zip.ZipEntry(part.relativize(f).toString());
        e.setLastModifiedTime(Files.getLastModifiedTime(f));
        out.putNextEntry(e);
        out.write(Files.readAllBytes(f));
        out.closeEntry();
      }
    }
    return zipFile;
  }

  @Test
  void theWeeklyReportShowsTheImportUnderItsName() throws IOException {
    assertThat(cli.run(importArgs("--as", "takeout-2014"))).isZero();
    Path config = Files.writeString(tmp.resolve("keepsake.yaml"), "archive:\n  root: " + archive + "\n  zone: UTC\n"
        + "sources:\n  pixel:\n    path: " + Files.createDirectories(tmp.resolve("pixel")) + "\n");
    assertThat(cli.run("report", "--config", config.toString())).as(cli.err).isZero();
    assertThat(cli.out).contains("Source takeout-2014:").contains("archived 7 files")
        .contains("dated by the Takeout sidecar: 5")
        .contains("dated only by name, user-data day or file time (check these): 1");
  }

  /** --max-rate holds the import's reads under the cap: 6 MB at 2 MB/s take at least 3 s. */
  @Test
  void theRateCapHoldsTheReadsUnderIt() throws IOException {
    Path old = Files.createDirectories(tmp.resolve("old/DCIM"));
    for (int i = 0; i < 12; i++) {
      byte[] body = new byte[500_000];
      new java.util.Random(i).nextBytes(body);
      Files.write(old.resolve("IMG_" + i + ".jpg"), concat(jpeg().original("2019:01:02 03:04:05").salt("r" + i).bytes(), body));
    }
    long started = System.nanoTime();
    assertThat(cli.run("import", "--archive", archive.toString(), "--max-rate", "2", old.toString())).as(cli.err).isZero();
    double seconds = (System.nanoTime() - started) / 1e9;
    assertThat(cli.out).contains("imported 12 (6.0 MB)");
    assertThat(seconds).as("6 MB under a 2 MB/s cap").isGreaterThanOrEqualTo(2.9);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Test
  void aDryRunWritesNothingAndSaysWhatItWouldDo() throws IOException {
    assertThat(cli.run(importArgs("--dry-run"))).as(cli.err).isZero();
    assertThat(cli.out).contains("dry run: nothing was written").contains("would archive import:").contains("would import 7 (");
    assertThat(mediaIn(archive)).isEmpty();
    Path zip1 = zip(part1, tmp.resolve("part-1.zip"));
    assertThat(cli.run("import", "--dry-run", "--archive", archive.toString(), zip1.toString())).as(cli.err).isZero();
    assertThat(cli.out).contains("would archive import:").contains("part-1.zip/" + YEAR + "/IMG.jpg");
    assertThat(mediaIn(archive)).isEmpty();
    try (Stream<Path> left = Files.list(archive)) {
      assertThat(left.toList()).isEmpty(); // not even a ledger or a staging folder
    }
  }

  @Test
  void pathsThatCannotBeImportedAreRefusedNamingThemAndTheFix() throws IOException {
    Path tgz = Files.write(tmp.resolve("takeout-20240101T000000Z-001.tgz"), new byte[] {0x1f, (byte) 0x8b});
    assertThat(cli.run("import", "--archive", archive.toString(), tgz.toString())).isEqualTo(2);
    assertThat(cli.err).contains(tgz.toString()).contains("is not a readable tgz").contains("download it again");
    Path zip1 = zip(part1, tmp.resolve("part-1.zip")); // a missing archive is the archive's fault, not the part's
    assertThat(cli.run("import", "--archive", tmp.resolve("unmounted").toString(), zip1.toString())).isEqualTo(2);
    assertThat(cli.err).contains("unmounted").contains("does not exist").doesNotContain("part-1.zip cannot be read");
    Path notes = Files.writeString(tmp.resolve("notes.txt"), "not a part");
    assertThat(cli.run("import", "--archive", archive.toString(), notes.toString())).isEqualTo(2);
    assertThat(cli.err).contains("notes.txt is neither a folder nor a .zip or .tgz part");
    assertThat(cli.run("import", "--archive", archive.toString(), tmp.resolve("nope").toString())).isEqualTo(2);
    assertThat(cli.err).contains("nope does not exist");
    Path inside = Files.createDirectories(archive.resolve("old"));
    assertThat(cli.run("import", "--archive", archive.toString(), inside.toString())).isEqualTo(2);
    assertThat(cli.err).contains("inside the archive");
    assertThat(cli.run("import", "--archive", archive.toString(), tmp.toString())).isEqualTo(2);
    assertThat(cli.err).contains("is inside the source");
    assertThat(cli.run("import", "--archive", archive.toString(), "--as", "../x", part1.toString())).isEqualTo(2);
    assertThat(cli.err).contains("--as");
    assertThat(cli.run("import", "--archive", archive.toString(), "--max-rate", "-1", part1.toString())).isEqualTo(2);
    assertThat(cli.err).contains("--max-rate");
    assertThat(cli.run("import", "--archive", archive.toString())).isEqualTo(2);
    assertThat(mediaIn(archive)).isEmpty();
  }

  @Test
  void anImportedFolderIsOnlyRead() throws IOException {
    Set<String> before = listing(tmp.resolve("takeout-1"));
    assertThat(cli.run(importArgs())).isZero();
    assertThat(listing(tmp.resolve("takeout-1"))).isEqualTo(before);
  }

  private static Set<String> listing(Path root) throws IOException {
    Set<String> out = new HashSet<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.toList()) {
        out.add(root.relativize(p) + " " + Files.getLastModifiedTime(p) + " " + (Files.isRegularFile(p) ? Files.size(p) : -1));
      }
    }
    return out;
  }

  /** The archive's photos, by content. */
  private static List<ContentHash> mediaIn(Path archive) throws IOException {
    try (Stream<Path> s = Files.walk(archive)) {
      List<ContentHash> out = new ArrayList<>();
      for (Path p : s.filter(Files::isRegularFile).filter(p -> !archive.relativize(p).startsWith(".keepsake")).toList()) {
        out.add(ContentHash.of(p));
      }
      return out;
    }
  }

  static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
