package dev.keepsake.source;

import dev.keepsake.fs.ConfinedFile;
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
 * @param rescuedFrom where its bytes are read from when it is no longer at {@code relative} — the
 *     copy Syncthing's versioning kept in {@code .stversions/} — or {@code null}
 */
public record SourceFile(Source source, String relative, long size, FileTime mtime, String fileKey, Path rescuedFrom) {

  public Path path() {
    return rescuedFrom != null ? rescuedFrom : source.root().resolve(relative);
  }

  /** Where its bytes are read from, below the source root, never through a link. */
  public ConfinedFile confined() {
    if (rescuedFrom == null) {
      return new ConfinedFile(source.confined(), relative);
    }
    Path kept = source.root().relativize(rescuedFrom);
    return new ConfinedFile(source.confined(), kept.toString().replace(kept.getFileSystem().getSeparator(), "/"));
  }

  /** {@link #relative()} as a value. */
  public SourcePath sourcePath() {
    return new SourcePath(relative);
  }

  public String fileName() {
    return sourcePath().name();
  }

  /** The directory part of {@link #relative()}, {@code ""} at the root. */
  public String directory() {
    return sourcePath().directory();
  }

  public static SourceFile of(Source source, String relative, BasicFileAttributes attributes) {
    return of(source, relative, attributes, null);
  }

  public static SourceFile of(Source source, String relative, BasicFileAttributes attributes, Path rescuedFrom) {
    Object key = attributes.fileKey();
    return new SourceFile(source, relative, attributes.size(), attributes.lastModifiedTime(),
        key == null ? "" : key.toString(), rescuedFrom);
  }

  @Override
  public String toString() {
    return source.name() + ":" + relative;
  }
}
