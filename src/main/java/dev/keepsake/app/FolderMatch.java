package dev.keepsake.app;

import dev.keepsake.source.Source;
import dev.keepsake.syncthing.FolderInfo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * Which source a Syncthing folder is — one rule for the service, the hook and doctor: the
 * {@code syncthing-folder} source with the folder's id, else the {@code path:} source whose root is
 * the folder's real path (links resolved, as Keepsake resolves a source's root).
 */
public final class FolderMatch {
  private FolderMatch() {}

  /**
   * @param folderIds source name → folder id, for the {@code syncthing-folder} sources
   */
  public static Optional<Source> sourceOf(FolderInfo folder, Collection<Source> sources, Map<String, String> folderIds) {
    for (Source source : sources) {
      if (folder.id().equals(folderIds.get(source.name()))) {
        return Optional.of(source);
      }
    }
    Path real = realPath(folder.path());
    return sources.stream().filter(s -> !folderIds.containsKey(s.name()) && s.root().equals(real)).findFirst();
  }

  /** A folder's path as a source's root is compared: real, or as given when it cannot be resolved (gone). */
  public static Path realPath(Path path) {
    try {
      return path.toRealPath();
    } catch (IOException e) {
      return path.toAbsolutePath().normalize();
    }
  }
}
