package dev.keepsake.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Makes real movies with Debian's ffmpeg: a second of colour with the metadata a test asks for
 * ({@code creation_time}, {@code location}, …). Tests skip without ffmpeg, and fail instead under
 * {@code KEEPSAKE_REQUIRE_FFMPEG=1} (CI installs it).
 */
public final class Ffmpeg {
  private Ffmpeg() {}

  public static void require() {
    boolean present = Files.isExecutable(Path.of("/usr/bin/ffmpeg"));
    if (!present && "1".equals(System.getenv("KEEPSAKE_REQUIRE_FFMPEG"))) {
      fail("KEEPSAKE_REQUIRE_FFMPEG=1 but ffmpeg is not installed (apt-get install -y ffmpeg)");
    }
    assumeTrue(present, "no /usr/bin/ffmpeg");
  }

  /** A 0.2 s video into {@code out} (its extension picks the container) with {@code -metadata key=value} pairs. */
  public static Path movie(Path out, String... metadata) throws IOException, InterruptedException {
    require();
    List<String> cmd = new ArrayList<>(List.of("/usr/bin/ffmpeg", "-loglevel", "error", "-y", "-f", "lavfi",
        "-i", "color=c=blue:s=64x64:d=0.2", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-map_metadata", "-1"));
    for (String m : metadata) {
      cmd.add("-metadata");
      cmd.add(m);
    }
    cmd.add(out.toString());
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("ffmpeg failed: " + output);
    }
    return out;
  }
}
