package dev.keepsake.fs;

import dev.keepsake.archive.Permissions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Swaps {@code root/2023/09} for a link to {@code outside} and back, again and again, on a thread
 * of its own, while a test writes files into that folder the way the copier does.
 */
final class FolderSwapper implements AutoCloseable {
  static final String MONTH = "2023/09";
  private final AtomicBoolean stop = new AtomicBoolean();
  private final Thread swapper;

  FolderSwapper(Path root, Path outside) throws IOException {
    Path month = Files.createDirectories(root.resolve(MONTH));
    Path aside = root.resolve(MONTH + "-aside");
    swapper = new Thread(() -> {
      while (!stop.get()) {
        try {
          Files.move(month, aside, StandardCopyOption.ATOMIC_MOVE);
          Files.createSymbolicLink(month, outside);
          Thread.onSpinWait();
          Files.delete(month);
          Files.move(aside, month, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
          // the writer raced us for a name: put the real folder back (never leave the link standing
          // for good, or every later write is refused and the test proves nothing), then again
          try {
            if (Files.isSymbolicLink(month)) {
              Files.delete(month);
            }
            if (Files.exists(aside, LinkOption.NOFOLLOW_LINKS) && !Files.exists(month, LinkOption.NOFOLLOW_LINKS)) {
              Files.move(aside, month, StandardCopyOption.ATOMIC_MOVE);
            }
          } catch (IOException stillRacing) {
            // the next round tries again
          }
        }
      }
    });
    swapper.start();
  }

  /** Writes file {@code i} into the swapped folder (temp, link, unlink); false when refused. */
  static boolean write(ConfinedRoot confined, int i) {
    try (Folder f = confined.folderCreating(MONTH, Permissions.of(0750), p -> { })) {
      try (FileChannel out = f.createNew("tmp-" + i)) {
        out.write(ByteBuffer.wrap(("file " + i).getBytes()));
      }
      f.link("tmp-" + i, "IMG_" + i + ".jpg");
      f.delete("tmp-" + i);
      return true;
    } catch (IOException e) {
      return false; // refused: a link stood on the way
    }
  }

  @Override
  public void close() throws InterruptedException {
    stop.set(true);
    swapper.join();
  }
}
