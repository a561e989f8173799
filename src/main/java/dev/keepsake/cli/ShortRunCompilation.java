package dev.keepsake.cli;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a one-shot run (an {@code ingest}, {@code import}, {@code verify}) compile less: only the
 * hashing and byte-comparison code goes to the optimising compiler (C2, the one that uses the CPU's
 * SHA instructions); everything else stays with the quick compiler (C1). A first ingest of 30,000
 * small files spent ~30 % of its CPU in C2, compiling per-file code it then ran only a little
 * longer; with this, its CPU fell by a quarter and its wall time by ~13 %, while a 1 GB video hashes
 * as fast as before (src/bench/BOUNDS.md). The service ({@code keepsake run}) compiles as usual: it
 * runs for months.
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

  /** Adds the directives once per JVM, in the background. */
  static void apply() {
    if (applied.compareAndSet(false, true)) {
      Thread thread = new Thread(ShortRunCompilation::addDirectives, "keepsake-jit");
      thread.setDaemon(true);
      thread.start();
    }
  }

  private static void addDirectives() {
    try {
      Path file = Files.createTempFile("keepsake-jit", ".json");
      file.toFile().deleteOnExit(); // the run may end before this thread does
      try {
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
}
