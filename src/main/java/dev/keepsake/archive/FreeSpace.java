package dev.keepsake.archive;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The archive disk's room, as one copier sees it: {@link #check} fails a copy early, with the bytes
 * needed and free, when it cannot fit, and {@link #full} says the same when the write itself ran out.
 * The disk is asked again for each large file, when the room seen last (less what this copier wrote
 * since) is under {@link #MARGIN}, and every {@value #ASK_EVERY} files: a {@code statfs} for every
 * small file was a tenth of a first ingest's system calls. Between two looks, other writers (the other
 * copiers too) may take room: running out then fails the file from the write itself, with the same
 * message, and leaves nothing partial.
 *
 * <p>Not thread-safe: one per copier.
 */
final class FreeSpace {
  private static final long SMALL_FILE = 16L << 20;
  private static final long MARGIN = 1L << 30;
  private static final int ASK_EVERY = 64;

  private final Path archiveRoot;
  private FileStore store; // looked up once: the lookup reads the mount table
  private long seen = -1;
  private long writtenSince;
  private int filesSince;

  FreeSpace(Path archiveRoot) {
    this.archiveRoot = archiveRoot;
  }

  /** @throws ArchiveFullException when the disk, asked now, has less than {@code size} bytes free */
  void check(Path source, long size) throws IOException {
    if (size > SMALL_FILE || filesSince >= ASK_EVERY || seen - writtenSince - size < MARGIN) {
      seen = store().getUsableSpace();
      writtenSince = 0;
      filesSince = 0;
      if (seen < size) {
        throw full(source, size, null);
      }
    }
    filesSince++;
    writtenSince += size;
  }

  /** The disk-full failure of copying {@code size} bytes of {@code source}, with the room free now. */
  ArchiveFullException full(Path source, long size, Throwable cause) {
    long usable = -1;
    try {
      usable = store().getUsableSpace();
    } catch (IOException ignored) {
      // the message is still useful without the free space
    }
    return new ArchiveFullException("archive disk full: " + source.getFileName() + " needs " + size + " bytes, "
        + (usable >= 0 ? usable + " bytes free" : "free space unknown") + " under " + archiveRoot
        + "; free space or grow the disk (nothing was lost, no partial file was left)", cause);
  }

  /** Whether {@code e} (or a cause) is the disk running out of room. */
  static boolean isNoSpace(IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && t.getMessage().contains("No space left on device")) {
        return true;
      }
    }
    return false;
  }

  private FileStore store() throws IOException {
    if (store == null) {
      store = Files.getFileStore(archiveRoot);
    }
    return store;
  }
}
