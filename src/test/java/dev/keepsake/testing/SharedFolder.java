package dev.keepsake.testing;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The team's {@code ../shared} folder (corpus, Syncthing samples). Tests that need it skip on a
 * machine without it, and fail instead when {@code KEEPSAKE_REQUIRE_CORPUS=1} (CI sets it).
 */
public final class SharedFolder {
  private SharedFolder() {}

  public static Path corpus() {
    String override = System.getenv("KEEPSAKE_SHARED");
    Path shared = override != null ? Path.of(override) : Path.of("..", "shared");
    Path corpus = shared.resolve("corpus").toAbsolutePath().normalize();
    boolean present = Files.isRegularFile(corpus.resolve("manifest.tsv"));
    if (!present && "1".equals(System.getenv("KEEPSAKE_REQUIRE_CORPUS"))) {
      fail("KEEPSAKE_REQUIRE_CORPUS=1 but " + corpus + " has no manifest.tsv: CI must lay ../shared beside the clone");
    }
    assumeTrue(present, "no corpus at " + corpus + " (set KEEPSAKE_SHARED or lay ../shared beside the repo)");
    return corpus;
  }
}
