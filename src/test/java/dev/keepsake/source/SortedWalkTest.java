package dev.keepsake.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Timeout;

/** The walk's order is the ledger's: byte order of UTF-8, a folder's files before its sub-folders' where they sort so. */
@Timeout(60)
class SortedWalkTest {
  @TempDir Path tmp;

  @Test
  void walksInTheByteOrderOfUtf8() throws Exception {
    List<String> names = List.of("a.jpg", "a/b.jpg", "a-b.jpg", "A.jpg", "ä.jpg", "\uFB01.jpg", "\uD83D\uDE00.jpg", "b/c/d.jpg",
        "b.jpg", "b/c.jpg", "a/Z.jpg");
    for (String n : names) {
      Path f = tmp.resolve(n);
      Files.createDirectories(f.getParent());
      Files.writeString(f, n);
    }
    List<String> walked = new ArrayList<>();
    SortedWalk.walk(Source.of("s", tmp), new SortedWalk.Sink() {
      @Override
      public void file(SourceFile file) {
        walked.add(file.relative());
      }

      @Override
      public void passedOver(String relative, String reason) {}

      @Override
      public void unrepresentable(String shown) {}

      @Override
      public void unreadable(String relative, String problem) {}
    });
    List<String> bytewise = new ArrayList<>(names);
    bytewise.sort((x, y) -> Arrays.compareUnsigned(x.getBytes(StandardCharsets.UTF_8), y.getBytes(StandardCharsets.UTF_8)));
    assertThat(walked).containsExactlyElementsOf(bytewise);
    for (String x : names) {
      for (String y : names) {
        assertThat(Integer.signum(SortedWalk.compare(x, y))).as(x + " vs " + y).isEqualTo(Integer.signum(
            Arrays.compareUnsigned(x.getBytes(StandardCharsets.UTF_8), y.getBytes(StandardCharsets.UTF_8))));
      }
    }
  }
}
