package dev.keepsake.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JVM flags and environment of {@code deploy/keepsake.service}, read from the unit itself, so a
 * memory test runs exactly what is deployed (a flag changed there is the flag tested here).
 */
final class DeployedJvm {
  private DeployedJvm() {}

  private static final Path UNIT = Path.of("deploy/keepsake.service");

  /** The words between {@code java} and {@code -jar} on the unit's {@code ExecStart=} line. */
  static List<String> flags() {
    String exec = unitLines().stream().filter(l -> l.startsWith("ExecStart=")).findFirst()
        .orElseThrow(() -> new IllegalStateException(UNIT + " has no ExecStart="));
    List<String> words = Arrays.asList(exec.substring("ExecStart=".length()).trim().split("\\s+"));
    int jar = words.indexOf("-jar");
    if (!words.get(0).endsWith("/java") || jar < 1) {
      throw new IllegalStateException(UNIT + ": ExecStart= is not 'java … -jar …': " + exec);
    }
    return List.copyOf(words.subList(1, jar));
  }

  /** Every {@code NAME=value} of the unit's {@code Environment=} lines. */
  static Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>();
    for (String line : unitLines()) {
      if (line.startsWith("Environment=")) {
        for (String pair : line.substring("Environment=".length()).trim().split("\\s+")) {
          int eq = pair.indexOf('=');
          env.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
      }
    }
    return env;
  }

  private static List<String> unitLines() {
    try {
      return Files.readAllLines(UNIT);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
