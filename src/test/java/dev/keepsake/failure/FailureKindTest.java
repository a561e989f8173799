package dev.keepsake.failure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class FailureKindTest {
  @Test
  void everyKindIsNamedInTheReadme() throws IOException {
    String readme = Files.readString(Path.of("README.md"));
    for (FailureKind kind : FailureKind.values()) {
      assertThat(readme).as(kind.name()).contains("`" + kind.id() + "`");
    }
  }

  /** The list is the one place: no kind's name is written as a string anywhere else in the code. */
  @Test
  void noKindIsSpelledOutsideTheEnum() throws IOException {
    Set<String> ids = Arrays.stream(FailureKind.values()).map(FailureKind::id).collect(Collectors.toSet());
    Pattern literal = Pattern.compile("\"([a-z]+(?:-[a-z]+)*)\"");
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        if (f.endsWith(Path.of("failure/FailureKind.java"))) {
          continue;
        }
        Matcher m = literal.matcher(Files.readString(f));
        while (m.find()) {
          if (ids.contains(m.group(1))) {
            found.add(f + ": " + m.group());
          }
        }
      }
    }
    assertThat(found).isEmpty();
  }

  @Test
  void storedNamesComeBackAsTheirKind() {
    assertThat(FailureKind.of("permission-denied", true)).contains(FailureKind.PERMISSION_DENIED);
    assertThat(FailureKind.of("archive-unwritable", true)).contains(FailureKind.ARCHIVE_UNWRITABLE);
    assertThat(FailureKind.of("archive-unwritable", false)).contains(FailureKind.ARCHIVE_NOT_WRITABLE);
    assertThat(FailureKind.of("ingest-stalled", true)).contains(FailureKind.INGEST_STALLED); // a condition with paths
    assertThat(FailureKind.of("no-such-kind", true)).isEmpty();
    assertThat(Arrays.stream(FailureKind.values()).filter(FailureKind::loss)).containsExactly(FailureKind.VANISHED_BEFORE_COPY);
  }
}
