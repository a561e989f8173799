package dev.keepsake.archive;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Makes one Keepsake process the only writer of an archive ({@code <archive>/.keepsake/lock}), so
 * the check-then-place of a name can never race another writer. Released on close or process death.
 */
public final class ArchiveLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private ArchiveLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * @throws IOException naming the lock file when another Keepsake holds it
   */
  public static ArchiveLock acquire(Path stateDir) throws IOException {
    Files.createDirectories(stateDir);
    Path file = stateDir.resolve("lock");
    FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock = channel.tryLock();
    if (lock == null) {
      channel.close();
      throw new IOException("another Keepsake is already writing to this archive (it holds " + file
          + "); stop it first, or wait until its run ends");
    }
    return new ArchiveLock(channel, lock);
  }

  @Override
  public void close() throws IOException {
    lock.release();
    channel.close();
  }
}
