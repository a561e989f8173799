package dev.keepsake.source;

import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;

/**
 * A regular file in a source, with the stat the ledger compares to tell whether it changed.
 *
 * @param source the source it lives in
 * @param relative its path below the source root, {@code /}-separated (the ledger's key)
 * @param size bytes
 * @param mtime last modification time
 * @param fileKey device and inode, when the file system has them ({@code ""} otherwise)
 */
public record SourceFile(Source source, String relative, long size, FileTime mtime, String fileKey) {

  public Path path() {
    return source.root().resolve(relative);
  }

  public String fileName() {
    int slash = relative.lastIndexOf('/');
    return slash < 0 ? relative : relative.substring(slash + 1);
  }

  /** The directory part of {@link #relative()}, {@code ""} at the root. */
  public String directory() {
    int slash = relative.lastIndexOf('/');
    return slash < 0 ? "" : relative.substring(0, slash);
  }

  public static SourceFile of(Source source, String relative, BasicFileAttributes attributes) {
    Object key = attributes.fileKey();
    return new SourceFile(source, relative, attributes.size(), attributes.lastModifiedTime(), key == null ? "" : key.toString());
  }

  /** Whether size, mtime and inode all agree: the cheap "unchanged" test, no hashing. */
  public boolean sameStat(SourceFile other) {
    return size == other.size && mtime.equals(other.mtime) && fileKey.equals(other.fileKey);
  }

  @Override
  public String toString() {
    return source.name() + ":" + relative;
  }
}
