package dev.keepsake.archive;

import dev.keepsake.fs.ConfinedRoot;
import dev.keepsake.fs.Folder;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Collection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes {@code .keepsake-tmp-*} files a crash left behind. They are never visible under a real
 * name, so removing them loses nothing: the copy they held is redone from the source. Only folders
 * of this archive are looked into, reached without following links: a ledger row naming any other
 * folder deletes nothing there.
 */
public final class TempLeftovers {
  private static final Logger log = LoggerFactory.getLogger(TempLeftovers.class);

  private TempLeftovers() {}

  /** Removes leftovers in {@code dirs} (folders of the archive at {@code archiveRoot}); returns how many. */
  public static int clean(Path archiveRoot, Collection<Path> dirs) throws IOException {
    Path root = archiveRoot.toAbsolutePath().normalize();
    ConfinedRoot archive = new ConfinedRoot(root);
    int removed = 0;
    for (Path dir : dirs) {
      Path normal = dir.toAbsolutePath().normalize();
      if (!normal.startsWith(root)) {
        log.warn("not cleaning temp files in {}: it is outside the archive {}", dir, root);
        continue;
      }
      String relative = root.relativize(normal).toString();
      try (Folder folder = archive.folder(relative)) {
        for (String name : folder.names(n -> n.startsWith(WriteOnceCopier.TEMP_PREFIX))) {
          if (folder.deleteIfExists(name)) {
            removed++;
          }
        }
      } catch (NoSuchFileException | NotDirectoryException gone) {
        // nothing was ever completed there, or it was cleaned by hand
      } catch (dev.keepsake.fs.LinkOnPathException link) {
        log.warn("not cleaning temp files below {}: {}", dir, link.getMessage());
      }
    }
    return removed;
  }
}
