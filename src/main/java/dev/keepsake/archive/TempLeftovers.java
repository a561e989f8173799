package dev.keepsake.archive;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;

/**
 * Removes {@code .keepsake-tmp-*} files a crash left behind. They are never visible under a real
 * name, so removing them loses nothing: the copy they held is redone from the source.
 */
public final class TempLeftovers {
  private TempLeftovers() {}

  /** Removes leftovers in {@code dirs}; returns how many were removed. Missing dirs are fine. */
  public static int clean(Collection<Path> dirs) throws IOException {
    int removed = 0;
    for (Path dir : dirs) {
      try (DirectoryStream<Path> temps = Files.newDirectoryStream(dir, WriteOnceCopier.TEMP_PREFIX + "*")) {
        for (Path temp : temps) {
          if (Files.deleteIfExists(temp)) {
            removed++;
          }
        }
      } catch (NoSuchFileException gone) {
        // nothing was ever completed there, or it was cleaned by hand
      }
    }
    return removed;
  }
}
