import dev.keepsake.testing.JpegFixture;
import dev.keepsake.testing.Mp4Fixture;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

/**
 * Makes the benchmark's data sets, reproducibly (seeded): large videos, ~1 MB photos with EXIF dates
 * spread over years, and many small photos. Run with the test classes on the class path (it reuses
 * the tests' JPEG and MP4 fixtures):
 *
 * <pre>java -cp target/test-classes src/bench/GenerateData.java videos|photos|small DIR COUNT BYTES SEED</pre>
 */
public class GenerateData {
  private static final DateTimeFormatter EXIF = DateTimeFormatter.ofPattern("yyyy:MM:dd HH:mm:ss");

  public static void main(String[] args) throws IOException {
    String kind = args[0];
    Path dir = Path.of(args[1]);
    int count = Integer.parseInt(args[2]);
    long bytes = Long.parseLong(args[3]);
    SplittableRandom random = new SplittableRandom(Long.parseLong(args[4]));
    for (int i = 0; i < count; i++) {
      LocalDateTime when = LocalDateTime.of(2012, 1, 1, 0, 0).plusSeconds(random.nextLong(12L * 365 * 24 * 3600));
      switch (kind) {
        case "videos" -> {
          Instant utc = when.toInstant(java.time.ZoneOffset.UTC);
          write(dir.resolve("DCIM/Camera/VID_" + i + ".mp4"), Mp4Fixture.mp4(utc, "video " + i), bytes, random, true);
        }
        case "photos" -> write(dir.resolve("DCIM/Camera/IMG_" + i + ".jpg"),
            JpegFixture.jpeg().original(EXIF.format(when)).salt("photo " + i).bytes(), bytes, random, false);
        case "small" -> write(dir.resolve("DCIM/Folder" + (i % 100) + "/IMG_" + i + ".jpg"),
            JpegFixture.jpeg().original(EXIF.format(when)).salt("small " + i).bytes(), bytes, random, false);
        default -> throw new IllegalArgumentException("kind: videos, photos or small");
      }
    }
  }

  /** The fixture's header, then random bytes up to {@code total} (in an mdat box for videos). */
  private static void write(Path file, byte[] header, long total, SplittableRandom random, boolean mdat) throws IOException {
    Files.createDirectories(file.getParent());
    long payload = Math.max(0, total - header.length - (mdat ? 8 : 0));
    byte[] chunk = new byte[1 << 20];
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write(header);
      if (mdat) {
        out.write(ByteBuffer.allocate(8).putInt((int) Math.min(Integer.MAX_VALUE, payload + 8)).put("mdat".getBytes()).array());
      }
      for (long left = payload; left > 0; ) {
        ByteBuffer fill = ByteBuffer.wrap(chunk, 0, (int) Math.min(chunk.length, (left + 7) & ~7L));
        while (fill.remaining() >= 8) { // only as many random bytes as the file gets (small files are many)
          fill.putLong(random.nextLong());
        }
        int n = (int) Math.min(chunk.length, left);
        out.write(chunk, 0, n);
        left -= n;
      }
    }
  }
}
