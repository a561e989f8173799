package dev.keepsake.syncthing;

/**
 * The part of a Syncthing event Keepsake uses. Other types and fields are ignored: newer Syncthing
 * versions add some, and {@code ConfigSaved} carries secrets.
 *
 * @param folder folder id ({@code data.folder}), or null
 * @param item path relative to the folder root, {@code /}-separated ({@code data.item}), or null
 * @param itemType {@code file} or {@code dir} ({@code data.type}), or null
 * @param action {@code update} or {@code delete} ({@code data.action}), or null
 * @param error the pull error, or null when the item finished well
 * @param time when Syncthing emitted it, or null
 */
public record SyncthingEvent(
    long id, String type, String folder, String item, String itemType, String action, String error, java.time.Instant time) {

  /** A file the NAS now holds complete: {@code ItemFinished}, a file, an update, no error. */
  public boolean isFileFinished() {
    return "ItemFinished".equals(type) && "file".equals(itemType) && "update".equals(action) && error == null
        && folder != null && item != null;
  }
}
