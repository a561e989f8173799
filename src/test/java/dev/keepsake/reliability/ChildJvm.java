package dev.keepsake.reliability;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs Keepsake's command line in a separate JVM, so a test can kill it (SIGKILL) or bound its memory. */
final class ChildJvm {
  private ChildJvm() {}

  static Process start(Path log, List<String> jvmFlags, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmFlags);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("dev.keepsake.cli.Main");
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
  }

  /** Peak resident memory of a running process, in KiB (from /proc). */
  static long rssKib(long pid) throws IOException {
    List<String> lines;
    try {
      lines = java.nio.file.Files.readAllLines(Path.of("/proc/" + pid + "/status"));
    } catch (java.nio.file.NoSuchFileException exited) {
      return 0;
    }
    for (String line : lines) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("\\D", ""));
      }
    }
    return 0;
  }
}
