package dev.keepsake.media;

import static dev.keepsake.testing.JpegFixture.jpeg;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keepsake.testing.Mp4Fixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class MediaInspectorTest {
  private final MediaInspector inspector = new MediaInspector(ZoneOffset.UTC, Clock.systemUTC());
  @TempDir Path dir;

  private Inspection inspect(String name, byte[] content) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, content);
    return inspector.inspect(file);
  }

  @Test
  void aJpegNamedPngIsAPhotoByContent() throws IOException {
    Inspection inspection = inspect("holiday.png", jpeg().original("2020:01:02 03:04:05").bytes());
    assertThat(inspection.type()).isEqualTo(MediaType.PHOTO);
    assertThat(inspection.format()).isEqualTo("JPEG");
    assertThat(inspection.metadataDates()).isNotEmpty();
  }

  @Test
  void textNamedJpgIsNotMedia() throws IOException {
    assertThat(inspect("notes.jpg", "just some text, not a picture".getBytes()).type()).isEqualTo(MediaType.OTHER);
  }

  @Test
  void moviesAreVideosAndHeifBrandsArePhotos() throws IOException {
    assertThat(inspect("a.mp4", Mp4Fixture.mp4(Instant.parse("2020-01-01T00:00:00Z"), "1")).type()).isEqualTo(MediaType.VIDEO);
    assertThat(inspect("a.mov", Mp4Fixture.mov(Instant.parse("2020-01-01T00:00:00Z"), "2")).type()).isEqualTo(MediaType.VIDEO);
    assertThat(inspect("a.heic", Mp4Fixture.movie("heic", null, "3")).type()).isEqualTo(MediaType.PHOTO);
    assertThat(inspect("a.avif", Mp4Fixture.movie("avif", null, "4")).type()).isEqualTo(MediaType.PHOTO);
  }

  @Test
  void sidecarsAreKnownByTheirExtension() throws IOException {
    assertThat(inspect("IMG_0001.AAE", "<plist/>".getBytes()).type()).isEqualTo(MediaType.SIDECAR);
    assertThat(inspect("IMG_0001.JPG.xmp", "<x:xmpmeta/>".getBytes()).type()).isEqualTo(MediaType.SIDECAR);
  }

  @Test
  void mpegTransportStreamsAreVideos() throws IOException {
    byte[] m2ts = new byte[192 * 4];
    for (int i = 0; i < 4; i++) {
      m2ts[i * 192 + 4] = 0x47;
    }
    assertThat(inspect("00001.MTS", m2ts).type()).isEqualTo(MediaType.VIDEO);
  }

  @Test
  void truncatedAndGarbledMediaIsStillMediaWithoutDatesAndNeverThrows() throws IOException {
    byte[] good = jpeg().original("2020:01:02 03:04:05").bytes();
    Random random = new Random(42);
    for (int cut = 3; cut < good.length; cut += 3) {
      Inspection truncated = inspect("t" + cut + ".jpg", Arrays.copyOf(good, cut));
      assertThat(truncated.type()).as("cut at %d", cut).isEqualTo(MediaType.PHOTO);
    }
    for (int i = 0; i < 200; i++) {
      byte[] garbage = new byte[64 + random.nextInt(2000)];
      random.nextBytes(garbage);
      byte[] magic = switch (i % 3) {
        case 0 -> new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE1};
        case 1 -> new byte[] {0, 0, 0, 24, 'f', 't', 'y', 'p', 'm', 'p', '4', '2'};
        default -> new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
      };
      System.arraycopy(magic, 0, garbage, 0, magic.length);
      Inspection fuzzed = inspect("f" + i + ".bin", garbage);
      if (i % 3 != 2) { // a PNG signature over garbage is "unknown" to the detector: fine, as long as nothing throws
        assertThat(fuzzed.type()).as("fuzz case %d", i).isIn(MediaType.PHOTO, MediaType.VIDEO);
      }
    }
  }

  @Test
  void emptyFileIsNotMedia() throws IOException {
    assertThat(inspect("IMG_0001.jpg", new byte[0]).type()).isEqualTo(MediaType.OTHER);
  }
}
