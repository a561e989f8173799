package dev.keepsake.reliability;

import static dev.keepsake.testing.JpegFixture.jpeg;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keepsake.archive.ContentHash;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code keepsake import} of a three-part Takeout (a zip, a folder, a tgz) killed with SIGKILL again and
 * again mid-import, then run to its end with the same arguments: every photo is in the archive
 * once, whole, and nothing extracted is left behind.
 */
@Tag("reliability")
@Timeout(300)
class ImportKilledTest {
  @TempDir Path tmp;

  @Test
  void anImportKilledAnywhereGoesOnWhereItStoppedAndDoublesNothing() throws Exception {
    SplittableRandom random = new SplittableRandom(20261203);
    Map<ContentHash, String> expected = new HashMap<>();
    Path folderPart = Files.createDirectories(tmp.resolve("takeout-2/Takeout/Google Photos/Photos from 2015"));
    Path zip = tmp.resolve("takeout-1.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      for (int i = 0; i < 150; i++) {
        byte[] photo = photo(i, random);
        expected.put(hashOf(photo), "zip " + i);
        out.putNextEntry(new ZipEntry("Takeout/Google Photos/Photos from 2014/IMG_" + i + ".jpg"));
        out.write(photo);
        out.closeEntry();
      }
    }
    for (int i = 150; i < 300; i++) {
      byte[] photo = photo(i, random);
      expected.put(hashOf(photo), "folder " + i);
      Files.write(folderPart.resolve("IMG_" + i + ".jpg"), photo);
    }
    Path tgzTree = Files.createDirectories(tmp.resolve("tgz-tree/Takeout/Google Photos/Photos from 2016"));
    for (int i = 300; i < 400; i++) {
      byte[] photo = photo(i, random);
      expected.put(hashOf(photo), "tgz " + i);
      Files.write(tgzTree.resolve("IMG_" + i + ".jpg"), photo);
    }
    Path tgz = tmp.resolve("takeout-3.tgz");
    Process tar = new ProcessBuilder("tar", "-czf", tgz.toString(), "-C", tmp.resolve("tgz-tree").toString(), "Takeout")
        .inheritIO().start();
    assertThat(tar.waitFor()).isZero();
    Path archive = Files.createDirectory(tmp.resolve("archive"));
    Path log = tmp.resolve("import.log");
    // paced, so a kill finds it at work whatever the machine's speed
    String[] args = {"import", "--archive", archive.toString(), "--zone", "UTC", "--max-rate", "4",
        zip.toString(), tmp.resolve("takeout-2").toString(), tgz.toString()};
    int kills = 0;
    int midWork = 0;
    long before = 0;
    while (kills < 6) {
      Process p = ChildJvm.start(log, List.of("-Xmx128m"), args);
      if (p.waitFor(300 + random.nextInt(2500), TimeUnit.MILLISECONDS)) {
        break; // it finished before the kill: the runs before were killed
      }
      p.destroyForcibly().waitFor();
      kills++;
      long now = archived(archive).size();
      midWork += now > before && now < expected.size() ? 1 : 0;
      before = now;
    }
    Process last = ChildJvm.start(log, List.of("-Xmx128m"), args);
    assertThat(last.waitFor(200, TimeUnit.SECONDS)).isTrue();
    assertThat(last.exitValue()).as(Files.readString(log)).isZero();

    List<Path> files = archived(archive);
    Set<ContentHash> kept = new HashSet<>();
    for (Path f : files) {
      ContentHash hash = ContentHash.of(f);
      assertThat(expected).as("%s is whole: its content is one of the photos", f).containsKey(hash);
      kept.add(hash);
    }
    assertThat(kept).isEqualTo(expected.keySet());
    assertThat(files).hasSize(expected.size()); // none twice
    assertThat(archive.resolve(".keepsake/import-staging")).doesNotExist();
    try (Stream<Path> all = Files.walk(archive)) {
      assertThat(all.filter(p -> p.getFileName().toString().startsWith(".keepsake-tmp")).toList()).isEmpty();
    }
    assertThat(midWork).as("kills that hit an import in the middle of its work").isPositive();
    Figures.print("import killed", "SIGKILLs " + kills + " (" + midWork + " mid-work), photos " + expected.size()
        + " from a zip part, a folder part and a tgz part, archived " + files.size() + ", lost 0, duplicates 0, staging left 0");
  }

  private static byte[] photo(int i, SplittableRandom random) throws IOException {
    byte[] head = jpeg().original(String.format("20%02d:%02d:15 12:00:00", 10 + i % 10, 1 + i % 12)).salt("import " + i).bytes();
    byte[] body = new byte[50_000 + random.nextInt(250_000)];
    random.nextBytes(body);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    out.write(head);
    out.write(body);
    return out.toByteArray();
  }

  private static ContentHash hashOf(byte[] content) throws IOException {
    return ContentHash.of(java.nio.channels.Channels.newChannel(new java.io.ByteArrayInputStream(content)));
  }

  private static List<Path> archived(Path archive) throws IOException {
    try (Stream<Path> all = Files.walk(archive)) {
      return all.filter(Files::isRegularFile).filter(f -> !archive.relativize(f).startsWith(".keepsake"))
          .filter(f -> !f.getFileName().toString().startsWith(".keepsake-tmp")).toList();
    }
  }

}
