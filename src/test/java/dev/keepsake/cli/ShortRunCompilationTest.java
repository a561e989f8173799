package dev.keepsake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Each case in a JVM of its own: compiler directives, once added, stay for the JVM's life. */
class ShortRunCompilationTest {
  @Test
  void hashingKeepsTheOptimisingCompilerAndTheRestGoesWithout() throws Exception {
    String printed = probe(List.of(), 1);
    // the JVM parsed our text: both directives are in force, the digest one first (first match wins)
    assertThat(printed).contains("sun/security/provider/*.*", "java/nio/*.mismatch", "matching: *.*");
    assertThat(printed.indexOf("sun/security/provider/*.*")).isLessThan(printed.indexOf("matching: *.*"));
  }

  @Test
  void addedOncePerJvm() throws Exception {
    String printed = probe(List.of(), 3);
    assertThat(printed.split("sun/security/provider/\\*\\.\\*", -1)).hasSize(2);
  }

  @Test
  void notAddedWhereAJvmHasNoQuickCompiler() throws Exception {
    // excluding C2 there would leave the code interpreted
    assertThat(probe(List.of("-XX:-TieredCompilation"), 1)).doesNotContain("sun/security/provider");
    assertThat(probe(List.of("-XX:CompilationMode=high-only"), 1)).doesNotContain("sun/security/provider");
  }

  private static String probe(List<String> flags, int times) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(flags);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), ShortRunCompilationProbe.class.getName(),
        String.valueOf(times)));
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
    String out;
    try (var stdout = process.getInputStream()) {
      out = new String(stdout.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(out).isZero();
    return out;
  }
}
