package dev.keepsake.reliability;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs Keepsake's command line in a separate JVM, so a test can kill it (SIGKILL) or bound its memory. */
final class ChildJvm {
  private ChildJvm() {}

  /** As the jar's manifest does for {@code java -jar}: folder-bound paths for confined writes. */
  static final String ADD_OPENS = "--add-opens=java.base/sun.nio.fs=ALL-UNNAMED";

  static Process start(Path log, List<String> jvmFlags, String... args) throws IOException {
    List<String> flags = new ArrayList<>(jvmFlags);
    flags.add(0, ADD_OPENS);
    return startExactly(log, flags, Map.of(), args);
  }

  /** The jar {@code mvn verify} built before the slow tier runs (its {@code package} phase comes first). */
  static final Path JAR = Path.of("target/keepsake.jar");

  /**
   * As deployed: {@code java <the unit's flags> -jar target/keepsake.jar}, with the unit's
   * environment. The test class path holds every test library too (Selenium, GreenMail…), whose jar
   * indexes alone would take memory the service never uses; without the jar (a test started outside
   * Maven) the class path is used.
   */
  static Process startDeployed(Path log, String... args) throws IOException {
    if (!java.nio.file.Files.isRegularFile(JAR)) {
      List<String> flags = new ArrayList<>(DeployedJvm.flags());
      flags.add(0, ADD_OPENS);
      return startExactly(log, flags, DeployedJvm.environment(), args);
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(DeployedJvm.flags());
    command.add("-jar");
    command.add(JAR.toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(DeployedJvm.environment());
    return builder.start();
  }

  /** With exactly these JVM flags (none added) and extra environment variables. */
  static Process startExactly(Path log, List<String> jvmFlags, Map<String, String> env, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmFlags);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("dev.keepsake.cli.Main");
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(env);
    return builder.start();
  }

  /** Peak resident memory of a running process, in KiB (from /proc). */
  static long rssKib(long pid) throws IOException {
    List<String> lines;
    try {
      lines = java.nio.file.Files.readAllLines(Path.of("/proc/" + pid + "/status"));
    } catch (java.nio.file.NoSuchFileException exited) {
      return 0;
    } catch (IOException readWhileExiting) { // ESRCH: it exited between the open and the read
      if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
        throw readWhileExiting;
      }
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
