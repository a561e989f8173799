package dev.keepsake.fs;

import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.util.OptionalInt;

/**
 * The file descriptor behind an open folder, as a path that stays bound to that folder:
 * {@code /proc/self/fd/N}. Java has no public {@code mkdirat} or {@code linkat}; a path through
 * this magic link resolves to the folder we opened whatever happens to the names above it, which
 * gives both. It needs the jar's {@code Add-Opens: java.base/sun.nio.fs} (tests pass the same flag);
 * without it, or without {@code /proc}, callers fall back to checked path operations.
 */
final class FolderFd {
  private static final Field DFD = dfdField();
  private static final boolean PROC = Files.isDirectory(Path.of("/proc/self/fd"));

  private FolderFd() {}

  private static Field dfdField() {
    try {
      Field f = Class.forName("sun.nio.fs.UnixSecureDirectoryStream").getDeclaredField("dfd");
      f.setAccessible(true);
      return f;
    } catch (ReflectiveOperationException | RuntimeException notOpened) {
      return null;
    }
  }

  /** Whether folder-bound paths are available in this JVM (doctor reports it). */
  static boolean available() {
    return DFD != null && PROC;
  }

  /** {@code /proc/self/fd/N} for this folder, or empty when unavailable. */
  static OptionalInt fd(SecureDirectoryStream<Path> dir) {
    if (!available() || !DFD.getDeclaringClass().isInstance(dir)) {
      return OptionalInt.empty();
    }
    try {
      return OptionalInt.of(DFD.getInt(dir));
    } catch (IllegalAccessException e) {
      return OptionalInt.empty();
    }
  }
}
