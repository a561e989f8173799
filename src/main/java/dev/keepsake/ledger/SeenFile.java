package dev.keepsake.ledger;

import java.nio.file.attribute.FileTime;

/**
 * A source path as a pass saw it, to be recorded: the ledger's own key (it knows no pipeline type).
 *
 * @param source the source's name
 * @param path the path below the source, {@code /}-separated
 * @param fileKey the file system's identity of the file (device and inode), {@code ""} when unknown
 */
public record SeenFile(String source, String path, long size, FileTime mtime, String fileKey) {
  @Override
  public String toString() {
    return source + ":" + path;
  }
}
