package dev.keepsake.watch;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import dev.keepsake.source.PathFilter;
import dev.keepsake.source.Source;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches one source folder tree. New folders are registered as they appear, and the files already
 * in them reported (they may have arrived before the registration). Ignored folders (.stversions,
 * .stfolder, thumbnails…) are never watched.
 */
public final class TreeWatcher implements Runnable, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TreeWatcher.class);

  /** What the watcher reports, on its own thread. */
  public interface Listener {
    /** A file was created or written; {@code relative} is {@code /}-separated. */
    void changed(Source source, String relative);

    /** Events were lost (the kernel's queue overflowed): look at the whole source. */
    void overflow(Source source);
  }

  private final Source source;
  private final Listener listener;
  private final WatchService watcher;
  private final Map<WatchKey, Path> keys = new HashMap<>();

  public TreeWatcher(Source source, Listener listener) throws IOException {
    this.source = source;
    this.listener = listener;
    this.watcher = source.root().getFileSystem().newWatchService();
    registerTree(source.root(), false);
  }

  @Override
  public void run() {
    while (true) {
      WatchKey key;
      try {
        key = watcher.take();
      } catch (InterruptedException | ClosedWatchServiceException stop) {
        return;
      }
      Path dir = keys.get(key);
      for (WatchEvent<?> event : key.pollEvents()) {
        if (event.kind() == OVERFLOW) {
          listener.overflow(source);
          continue;
        }
        if (dir == null) {
          continue;
        }
        Path child = dir.resolve((Path) event.context());
        String name = child.getFileName().toString();
        if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
          if (event.kind() == ENTRY_CREATE && !PathFilter.isIgnoredDirectory(name)) {
            registerTree(child, true);
          }
        } else if (!PathFilter.isIgnoredFile(name)) {
          listener.changed(source, relative(child));
        }
      }
      if (!key.reset()) {
        keys.remove(key); // its folder is gone
      }
    }
  }

  private void registerTree(Path top, boolean reportFiles) {
    try {
      Files.walkFileTree(top, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
          if (!dir.equals(source.root()) && PathFilter.isIgnoredDirectory(dir.getFileName().toString())) {
            return FileVisitResult.SKIP_SUBTREE;
          }
          keys.put(dir.register(watcher, ENTRY_CREATE, ENTRY_MODIFY), dir);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          if (reportFiles && attrs.isRegularFile() && !PathFilter.isIgnoredFile(file.getFileName().toString())) {
            listener.changed(source, relative(file));
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
          log.warn("cannot watch {}: {}", file, e.getMessage());
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      log.warn("cannot watch {}: {} (the periodic reconcile still finds its files)", top, e.getMessage());
    }
  }

  private String relative(Path file) {
    Path rel = source.root().relativize(file);
    return rel.toString().replace(rel.getFileSystem().getSeparator(), "/");
  }

  @Override
  public void close() throws IOException {
    watcher.close();
  }
}
