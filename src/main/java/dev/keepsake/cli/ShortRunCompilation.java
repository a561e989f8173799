package dev.keepsake.cli;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a one-shot run (an {@code ingest}, {@code import}, {@code verify}) compile less: only the
 * hashing and byte-comparison code goes to the optimising compiler (C2, the one that uses the CPU's
 * SHA instructions); everything else stays with the quick compiler (C1). A first ingest of 30,000
 * small files spent ~30 % of its CPU in C2, compiling per-file code it then ran only a little
 * longer; with this, its CPU fell by a quarter and its wall time by ~10 %, while a 1 GB video hashes
 * as fast as before (src/bench/BOUNDS.md). The service ({@code keepsake run}) compiles as usual: it
 * runs for months. Applied from {@code main} only: tests that run commands in their own JVM keep
 * its compilers as they are.
 *
 * <p>Done through HotSpot's compiler directives (what {@code jcmd Compiler.directives_add} does), on
 * a thread of its own so the run does not wait for it. Never fails: on a JVM without them, or when
 * the temp file cannot be written, the run compiles as usual.
 */
final class ShortRunCompilation {
  private static final Logger log = LoggerFactory.getLogger(ShortRunCompilation.class);
  private static final AtomicBoolean applied = new AtomicBoolean();

  /** First match wins: C2 for digests and comparisons, C1 only for the rest. */
  static final String DIRECTIVES = """
      [
        { match: ["sun/security/provider/*.*", "java/nio/*.mismatch", "jdk/internal/util/ArraysSupport.*",
                  "java/util/Arrays.*"],
          c2: { Exclude: false } },
        { match: "*.*", c2: { Exclude: true } }
      ]
      """;

  private ShortRunCompilation() {}

  /**
   * Adds the directives once per JVM, in the background; not at all where C1 or C2 is off.
   *
   * @return the thread adding them (to wait for, in a test); empty when they were asked for before
   */
  static Optional<Thread> apply() {
    if (!applied.compareAndSet(false, true)) {
      return Optional.empty();
    }
    Thread thread = new Thread(ShortRunCompilation::addDirectives, "keepsake-jit");
    thread.setDaemon(true);
    thread.start();
    return Optional.of(thread);
  }

  private static void addDirectives() {
    try {
      if (!tiered()) {
        return; // without C1 (tiering off, or C2 only), excluding C2 would leave the code interpreted
      }
      Path file = Files.createTempFile("keepsake-jit", ".json");
      try {
        file.toFile().deleteOnExit(); // the run may end before this thread does
        Files.writeString(file, DIRECTIVES);
        Object answer = ManagementFactory.getPlatformMBeanServer().invoke(
            new ObjectName("com.sun.management:type=DiagnosticCommand"), "compilerDirectivesAdd",
            new Object[] {new String[] {file.toString()}}, new String[] {String[].class.getName()});
        log.debug("compiler directives: {}", String.valueOf(answer).strip());
      } finally {
        Files.deleteIfExists(file);
      }
    } catch (Exception | LinkageError e) {
      log.debug("compiler directives not added ({}); compiling as usual", e.toString());
    }
  }

  /** Whether this JVM compiles with both C1 and C2 (the user may have set other flags). */
  static boolean tiered() {
    HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
    if (!"true".equals(vm.getVMOption("TieredCompilation").getValue())) {
      return false;
    }
    try {
      return !vm.getVMOption("CompilationMode").getValue().startsWith("high-only");
    } catch (IllegalArgumentException noSuchOption) {
      return true; // a JVM before CompilationMode: tiered is tiered
    }
  }
}
