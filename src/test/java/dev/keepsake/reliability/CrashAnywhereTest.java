package dev.keepsake.reliability;

import static dev.keepsake.testing.JpegFixture.jpeg;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keepsake.archive.ContentHash;
import dev.keepsake.ledger.ArchivedContent;
import dev.keepsake.ledger.Ledger;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Timeout;

/**
 * Kills {@code keepsake ingest} with SIGKILL at random moments, again and again, then lets it finish:
 * every source file must be in the archive exactly once with the right bytes, no temp file visible,
 * and the ledger must agree with the disk.
 */
@Tag("reliability")
@Timeout(600)
class CrashAnywhereTest {
  @TempDir Path tmp;

  private static void write(Path phone, int i, int size, SplittableRandom random, Map<ContentHash, String> expected)
      throws java.io.IOException {
    Path file = phone.resolve(String.format("%02d/IMG_%04d.jpg", i % 7, i));
    Files.createDirectories(file.getParent());
    byte[] head = jpeg().original(String.format("20%02d:%02d:15 12:00:00", 10 + i % 14, 1 + i % 12)).salt("crash " + i).bytes();
    byte[] chunk = new byte[1 << 16];
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write(head);
      for (long left = size; left > 0; left -= chunk.length) {
        random.nextBytes(chunk);
        out.write(chunk, 0, (int) Math.min(chunk.length, left));
      }
    }
    expected.put(ContentHash.of(file), file.toString());
  }

  @Test
  void sigkillAtTwentyRandomMomentsLosesAndDoublesNothing() throws Exception {
    Path phone = Files.createDirectories(tmp.resolve("phone/DCIM"));
    Path archive = Files.createDirectory(tmp.resolve("archive"));
    SplittableRandom random = new SplittableRandom(20261126);
    Map<ContentHash, String> expected = new HashMap<>();
    for (int i = 0; i < 300; i++) {
      int size = i % 15 == 0 ? 20_000_000 + random.nextInt(30_000_000) // videos up to ~50 MB
          : i % 5 == 0 ? 1_000_000 + random.nextInt(4_000_000) : 5_000 + random.nextInt(400_000);
      write(phone, i, size, random, expected);
    }
    Path log = tmp.resolve("ingest.log");
    String[] args = {"ingest", "--source", phone.getParent().toString(), "--archive", archive.toString(), "--zone", "UTC"};
    int kills = 0;
    int runs = 0;
    int extra = 0;
    int midWork = 0; // kills that hit a run in the middle of its work, seen from the archive
    long archivedBefore = 0;
    while (kills < 20) {
      Process p = ChildJvm.start(log, List.of("-Xmx256m"), args);
      runs++;
      boolean finished;
      if (kills % 2 == 0) {
        // at a random moment: while the JVM starts, while it copies, fsyncs, places and records, or ends
        finished = p.waitFor(200 + random.nextInt(3800), TimeUnit.MILLISECONDS);
      } else {
        // once this run has placed a file, a little later: in the middle of its work, however fast
        // or slow the machine is today
        long startedWith = archivedBefore;
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (p.isAlive() && archivedCount(archive) <= startedWith && System.nanoTime() < until) {
          Thread.sleep(10);
        }
        finished = p.waitFor(random.nextInt(300), TimeUnit.MILLISECONDS);
      }
      if (finished) {
        // it got through everything before the kill: give it more to do, so every kill hits work
        for (int more = 0; more < 10; more++, extra++) {
          write(phone, 300 + extra, 10_000_000 + random.nextInt(20_000_000), random, expected);
        }
        continue;
      }
      p.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, no cleanup
      kills++;
      long now = archivedCount(archive);
      if (now > archivedBefore && now < expected.size()) {
        midWork++; // this run archived something and was killed before it had archived everything
      }
      archivedBefore = now;
    }
    Process last = ChildJvm.start(log, List.of("-Xmx256m"), args);
    runs++;
    assertThat(last.waitFor(300, TimeUnit.SECONDS)).isTrue();
    assertThat(last.exitValue()).as(Files.readString(log)).isZero();

    Map<ContentHash, Path> archived = new HashMap<>();
    int duplicates = 0;
    List<Path> temps;
    try (Stream<Path> all = Files.walk(archive)) {
      List<Path> files = all.filter(Files::isRegularFile).filter(f -> !archive.relativize(f).startsWith(".keepsake")).toList();
      temps = files.stream().filter(f -> f.getFileName().toString().startsWith(".keepsake-tmp-")).toList();
      for (Path f : files) {
        if (archived.put(ContentHash.of(f), f) != null) {
          duplicates++;
        }
      }
    }
    assertThat(temps).isEmpty();
    assertThat(duplicates).isZero();
    assertThat(archived.keySet()).isEqualTo(expected.keySet());
    try (Ledger ledger = Ledger.open(archive.resolve(".keepsake/ledger.db"), Clock.systemUTC())) {
      List<ArchivedContent> rows = new java.util.ArrayList<>();
      ledger.files().forEachContent(null, rows::add);
      assertThat(rows).hasSize(expected.size());
      assertThat(new HashSet<>(rows.stream().map(ArchivedContent::hash).toList())).isEqualTo(expected.keySet());
      for (ArchivedContent row : rows) {
        assertThat(archived.get(row.hash())).isEqualTo(archive.resolve(row.archivePath()));
      }
    }
    Figures.print("crash anywhere", "runs " + runs + ", faults injected " + kills + " (SIGKILL), " + midWork
        + " of them after a run had archived some but not all files, files checked "
        + expected.size() + ", lost " + (expected.size() - archived.size()) + ", duplicates " + duplicates);
    // kills are only counted when they hit a running ingest; the archive, looked at after each
    // kill, must show that many of them cut a run between its first file and its last
    assertThat(midWork).as("kills in the middle of copying, seen in the archive").isGreaterThanOrEqualTo(8);
  }

  /** Archived files on disk now (not temp files, not the ledger). */
  private static long archivedCount(Path archive) throws java.io.IOException {
    for (int attempt = 1; ; attempt++) {
      try (Stream<Path> all = Files.walk(archive)) {
        return all.filter(Files::isRegularFile).filter(f -> !archive.relativize(f).startsWith(".keepsake"))
            .filter(f -> !f.getFileName().toString().startsWith(".keepsake-tmp-")).count();
      } catch (java.io.UncheckedIOException vanished) { // a temp name went while the walk passed by: the live
        if (attempt >= 20) {                             // archive is counted again
          throw vanished;
        }
      }
    }
  }
}
