package dev.keepsake.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Timeout;

/** Relative paths are the ledger's keys: however the root is written, a file keeps its key. */
@Timeout(60)
class SourceScanTest {
  @TempDir Path tmp;
  Path phone;

  @BeforeEach
  void files() throws IOException {
    phone = Files.createDirectories(tmp.resolve("phone"));
    for (String rel : List.of("DCIM/Camera/a.jpg", "DCIM/b c.jpg", "x.jpg", "DCIM/.thumbnails/t.jpg", "é/ü.jpg")) {
      Path file = phone.resolve(rel);
      Files.createDirectories(file.getParent());
      Files.writeString(file, rel);
    }
  }

  @Test
  void theSameKeysForEveryWayOfWritingTheRoot() throws IOException {
    Path relativeRoot = Path.of("").toAbsolutePath().relativize(phone);
    for (Path root : List.of(phone, phone.resolve("."), phone.resolve("DCIM/.."), relativeRoot,
        tmp.resolve("./phone"))) {
      SourceScan scan = SourceScan.of(Source.of("pixel", root));
      assertThat(scan.files()).as("root %s", root).extracting(SourceFile::relative)
          .containsExactlyInAnyOrder("DCIM/Camera/a.jpg", "DCIM/b c.jpg", "x.jpg", "é/ü.jpg");
      assertThat(scan.files()).allSatisfy(f -> assertThat(Files.readString(f.path())).isEqualTo(f.relative()));
    }
  }

  @Test
  void globsSeeTheRelativePath() throws IOException {
    SourceScan scan = SourceScan.of(new Source("pixel", phone, PathFilter.of(List.of(), List.of("**/Camera/**")), false));
    assertThat(scan.files()).extracting(SourceFile::relative).containsExactlyInAnyOrder("DCIM/b c.jpg", "x.jpg", "é/ü.jpg");
    assertThat(scan.passedOver()).containsExactly(
        new SourceScan.PassedOver("DCIM/Camera/a.jpg", "excluded by include/exclude"));
  }
}
