package dev.keepsake.ingest;

import static dev.keepsake.testing.JpegFixture.jpeg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.keepsake.app.Keepsake;
import dev.keepsake.failure.FailureKind;
import dev.keepsake.source.Source;
import dev.keepsake.testing.RecordingListener;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Timeout;

/**
 * A real full disk: the archive is an 8 MiB tmpfs. Needs root to mount (CI runs as root); elsewhere
 * it skips, unless {@code KEEPSAKE_REQUIRE_CORPUS=1} says this is CI, where it must run.
 */
@Timeout(60)
class DiskFullTest {
  @TempDir Path tmp;
  Path phone;
  Path archive;
  boolean mounted;

  @BeforeEach
  void mountSmallDisk() throws Exception {
    phone = Files.createDirectory(tmp.resolve("phone"));
    archive = Files.createDirectory(tmp.resolve("archive"));
    Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", archive.toString())
        .redirectErrorStream(true).start();
    String output = new String(mount.getInputStream().readAllBytes());
    mounted = mount.waitFor() == 0;
    if (!mounted && "1".equals(System.getenv("KEEPSAKE_REQUIRE_CORPUS"))) {
      fail("cannot mount a tmpfs for the disk-full test (CI runs as root and must): " + output);
    }
    assumeTrue(mounted, "mounting a tmpfs needs root: " + output);
  }

  @AfterEach
  void unmount() throws Exception {
    if (mounted) {
      new ProcessBuilder("umount", "-l", archive.toString()).start().waitFor();
    }
  }

  private static byte[] photoOf(int bytes, String salt) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(jpeg().original("2023:09:16 12:34:56").salt(salt).bytes());
    out.writeBytes(new byte[bytes]); // trailing data after EOI: still a JPEG by content
    return out.toByteArray();
  }

  @Test
  void anArchiveDiskFullBeforeTheLedgerExistsSaysSoNotAPermissionProblem() throws Exception {
    Files.write(phone.resolve("small.jpg"), photoOf(100, "full"));
    try (java.io.OutputStream fill = Files.newOutputStream(archive.resolve("filler"))) {
      byte[] block = new byte[64 << 10];
      while (true) {
        fill.write(block);
      }
    } catch (java.io.IOException full) {
      // the disk is full now
    }
    IngestOptions options = IngestOptions.defaults(archive, ZoneOffset.UTC);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> Keepsake.ingestOnce(options, List.of(Source.of("phone", phone)), IngestListener.NONE))
        .hasMessageContaining("disk is full").hasMessageContaining("nothing was lost")
        .hasMessageNotContaining("permissions");
  }

  @Test
  void anArchiveOnAReadOnlyMountIsRefusedWithTheFix() throws Exception {
    Process remount = new ProcessBuilder("mount", "-o", "remount,ro", archive.toString()).redirectErrorStream(true).start();
    assertThat(remount.waitFor()).isZero();
    Files.write(phone.resolve("small.jpg"), photoOf(100, "ro"));
    IngestOptions options = IngestOptions.defaults(archive, ZoneOffset.UTC);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> Keepsake.ingestOnce(options, List.of(Source.of("phone", phone)), IngestListener.NONE))
        .isInstanceOf(ArchiveUnavailableException.class)
        .hasMessageContaining("not writable").hasMessageContaining("read-only");
  }

  @Test
  void aFullDiskFailsThatFileWithTheSpaceNeededAndLeavesNothingPartial() throws Exception {
    Files.write(phone.resolve("small.jpg"), photoOf(10_000, "small"));
    Files.write(phone.resolve("huge.jpg"), photoOf(12 << 20, "huge"));  // more than the disk holds
    Files.write(phone.resolve("big.jpg"), photoOf(3 << 20, "big"));     // fits, until someone fills the disk
    Path filler = archive.resolve("filler");
    IngestOptions options = IngestOptions.defaults(archive, ZoneOffset.UTC).withOpener(file -> {
      if (file.name().equals("big.jpg") && !Files.exists(filler)) {
        long free = Files.getFileStore(archive).getUsableSpace();
        Files.write(filler, new byte[(int) (free - 1_500_000)]); // another writer fills the disk mid-run
      }
      return file.open();
    });
    RecordingListener recorded = new RecordingListener();
    List<FileOutcome> outcomes = recorded.outcomes;
    IngestSummary summary = Keepsake.ingestOnce(options, List.of(Source.of("phone", phone)), recorded);

    assertThat(summary.archived()).as("outcomes: %s", outcomes).isEqualTo(1);
    assertThat(summary.failed()).isEqualTo(2);
    assertThat(outcomes).filteredOn(o -> o.kind() == FileOutcome.Kind.FAILED)
        .allSatisfy(o -> assertThat(o.failure()).isEqualTo(FailureKind.DISK_FULL))
        .anySatisfy(o -> assertThat(o.message()).contains("huge.jpg needs " + Files.size(phone.resolve("huge.jpg")) + " bytes"))
        .anySatisfy(o -> assertThat(o.message()).contains("big.jpg").contains("nothing was lost"));
    try (Stream<Path> all = Files.walk(archive)) {
      assertThat(all.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".keepsake-tmp-"))
          .contains("small.jpg").doesNotContain("big.jpg", "huge.jpg");
    }
    assertThat(phone.resolve("big.jpg")).exists();
  }

}
