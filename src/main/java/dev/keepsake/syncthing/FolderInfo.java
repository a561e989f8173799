package dev.keepsake.syncthing;

import java.nio.file.Path;

/**
 * A Syncthing folder as {@code /rest/config/folders/{id}} describes it.
 *
 * @param versioning the versioning type ({@code ""} for none, {@code trashcan}, {@code simple},
 *     {@code staggered}, {@code external})
 * @param ignoreDelete whether the NAS keeps files the phone deletes
 */
public record FolderInfo(String id, Path path, String versioning, boolean ignoreDelete) {

  /** Whether a file the phone deletes quickly survives somewhere on the NAS until Keepsake copies it. */
  public boolean keepsDeletedFiles() {
    return ignoreDelete || !versioning.isEmpty();
  }
}
