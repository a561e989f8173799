package dev.keepsake.ledger;

import dev.keepsake.archive.ContentHash;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

/**
 * A source path as the ledger last saw it.
 *
 * @param hash its content's hash; {@code null} for skipped files, which are never hashed
 * @param removedAt when a pass first found it gone from the source, or {@code null}
 */
public record KnownFile(
    String path, long size, FileTime mtime, String fileKey, ContentHash hash, FileState state, Instant removedAt) {

  public boolean sameStat(long otherSize, FileTime otherMtime, String otherKey) {
    return size == otherSize && mtime.equals(otherMtime) && fileKey.equals(otherKey);
  }
}
