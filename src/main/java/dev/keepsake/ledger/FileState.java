package dev.keepsake.ledger;

/** What the ledger knows a source path's current content to be. */
public enum FileState {
  /** Its content was copied into the archive from this path. */
  ARCHIVED,
  /** Its content was already in the archive (from another path or an earlier version). */
  DUPLICATE,
  /** Not media (and the source does not include other files): looked at, not archived. */
  SKIPPED;

  public boolean isInArchive() {
    return this == ARCHIVED || this == DUPLICATE;
  }
}
