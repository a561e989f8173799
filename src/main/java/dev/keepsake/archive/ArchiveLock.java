package dev.keepsake.archive;

import dev.keepsake.fs.ConfinedRoot;
import dev.keepsake.fs.Folder;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;

/**
 * Makes one Keepsake process the only writer of an archive ({@code <archive>/.keepsake/lock}), so
 * the check-then-place of a name can never race another writer. Released on close or process death.
 * The state folder and the lock file are opened without following links.
 */
public final class ArchiveLock implements AutoCloseable {
  /** Keepsake's own folder in the archive: lock, default ledger, outbox. */

  private final FileChannel channel;
  private final FileLock lock;

  private ArchiveLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * @throws IOException naming the lock file when another Keepsake holds it
   * @throws dev.keepsake.fs.LinkOnPathException when {@code .keepsake} or its lock is a link
   */
  public static ArchiveLock acquire(Path archiveRoot) throws IOException {
    Path file = archiveRoot.resolve(ArchiveRoot.STATE_DIR).resolve("lock");
    FileChannel channel;
    try (Folder state = stateFolder(archiveRoot)) {
      channel = state.openOrCreate("lock");
    }
    FileLock lock = channel.tryLock();
    if (lock == null) {
      channel.close();
      throw new IOException("another Keepsake is already writing to this archive (it holds " + file
          + "); stop it first, or wait until its run ends");
    }
    return new ArchiveLock(channel, lock);
  }

  /** {@code <archive>/.keepsake}, made when missing (0750), never through a link. */
  public static Folder stateFolder(Path archiveRoot) throws IOException {
    return new ConfinedRoot(archiveRoot).folderCreating(ArchiveRoot.STATE_DIR, Permissions.of(0750), made -> { });
  }

  @Override
  public void close() throws IOException {
    lock.release();
    channel.close();
  }
}
