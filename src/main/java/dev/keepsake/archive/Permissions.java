package dev.keepsake.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.OptionalInt;
import java.util.Set;

/** POSIX modes as numbers (0640), applied where the file system has them and skipped where not. */
public final class Permissions {
  private static final PosixFilePermission[] BITS = {
    PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
    PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
    PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};

  private Permissions() {}

  public static Set<PosixFilePermission> of(int mode) {
    Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
    for (int bit = 0; bit < BITS.length; bit++) {
      if ((mode & (1 << bit)) != 0) {
        set.add(BITS[bit]);
      }
    }
    return set;
  }

  /**
   * This process's umask, read from {@code /proc/self/status} (Linux 4.7 and later; Java has no call
   * for it that does not change it); empty where it cannot be read.
   */
  public static OptionalInt processUmask() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("Umask:")) {
          return OptionalInt.of(Integer.parseInt(line.substring("Umask:".length()).strip(), 8));
        }
      }
    } catch (IOException | RuntimeException unreadable) {
      // not Linux, or an old kernel: unknown
    }
    return OptionalInt.empty();
  }

  /** Sets the mode; a file system without POSIX modes (exFAT, some NAS shares) is left as it is. */
  public static void set(Path path, Set<PosixFilePermission> mode) throws IOException {
    try {
      Files.setPosixFilePermissions(path, mode);
    } catch (UnsupportedOperationException noPosix) {
      // nothing to set here
    }
  }
}
