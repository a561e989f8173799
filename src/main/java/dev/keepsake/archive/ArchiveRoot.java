package dev.keepsake.archive;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The facts about an archive root that many places need, said once: where Keepsake keeps its state
 * and ledger by default, the default umask, and whether a root can be used at all (with the fix).
 */
public final class ArchiveRoot {
  /** Keepsake's own folder in an archive: the lock, the ledger, the outbox. */
  public static final String STATE_DIR = ".keepsake";
  /** Archived files get {@code 0666 & ~umask}, folders {@code 0777 & ~umask}: 0640 and 0750 by default. */
  public static final int DEFAULT_UMASK = 0027;

  private ArchiveRoot() {}

  /** Free space for the archive, in bytes (0 when it cannot be told: the disk is gone). */
  public static long freeSpace(Path root) {
    try {
      return Files.getFileStore(root).getUsableSpace();
    } catch (java.io.IOException e) {
      return 0;
    }
  }

  /** {@code <root>/.keepsake/ledger.db}: the ledger unless {@code ledger:} names another file. */
  public static Path defaultLedger(Path root) {
    return root.resolve(STATE_DIR).resolve("ledger.db");
  }

  /**
   * Why {@code root} cannot be used as an archive — missing (Keepsake never creates it, so an
   * unmounted disk cannot fill the system disk), not a folder, or not writable unless only read —
   * with what to do; {@code null} when it can.
   */
  public static String problem(Path root, boolean readOnly) {
    if (!Files.exists(root)) {
      return "archive root " + root + " does not exist: create it (mkdir -p " + root
          + ") or mount its disk; Keepsake never creates it, so an unmounted disk cannot fill the system disk";
    }
    if (!Files.isDirectory(root)) {
      return "archive root " + root + " is not a folder: point --archive (or archive.root) at a folder";
    }
    if (!readOnly && !Files.isWritable(root)) {
      return "archive root " + root + " is not writable: give the Keepsake user write access"
          + " (or check the disk is not mounted read-only)";
    }
    return null;
  }
}
