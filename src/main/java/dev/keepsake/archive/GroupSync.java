package dev.keepsake.archive;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes everything written to the archive's file system so far durable with one {@code syncfs(2)},
 * shared by all who ask while one is under way (a group commit): a burst of small files then pays
 * one flush of the disk per group, not one fsync each. {@link #request} is answered by the first
 * sync that <em>starts</em> after it, so whatever the caller wrote before asking is on disk when its
 * future completes.
 *
 * <p>Java has no {@code syncfs}; it is {@code sync --file-system} (coreutils, busybox), one process
 * per group. Where it cannot run, or a sync fails, the futures fail and their callers fall back to
 * an fsync of each file, which names the file that could not be made durable. A sync flushes the
 * whole file system, other programs' writes too: it costs more where the archive shares a disk with
 * busy writers, which is why only small files take this way (see its callers).
 *
 * <p>Thread-safe; {@link #close} ends its thread (requests after that fail).
 */
public final class GroupSync implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(GroupSync.class);

  /** One sync of the file system holding a path; a seam for tests. */
  @FunctionalInterface
  public interface FileSystemSync {
    void sync(Path onFileSystem) throws IOException;
  }

  private final Path root;
  private final FileSystemSync syncer;
  private final ExecutorService thread;
  private List<CompletableFuture<Void>> waiting = new ArrayList<>();
  private boolean running;
  private volatile IOException unavailable; // set once the sync cannot run at all: no further attempt
  private boolean worked; // one sync succeeded: a later failure is the disk's, not a missing command

  /** The real one: {@code sync --file-system}. */
  public static final FileSystemSync SYNCFS = GroupSync::syncFileSystem;

  public GroupSync(Path root, FileSystemSync syncer) {
    this.root = root;
    this.syncer = syncer;
    this.thread = Executors.newSingleThreadExecutor(task -> {
      Thread t = new Thread(task, "keepsake-group-sync");
      t.setDaemon(true);
      return t;
    });
  }

  /** Completes once a sync that started after this call has finished; fails when the sync failed. */
  public CompletableFuture<Void> request() {
    CompletableFuture<Void> done = new CompletableFuture<>();
    IOException cannot = unavailable;
    if (cannot != null) {
      done.completeExceptionally(cannot);
      return done;
    }
    synchronized (this) {
      waiting.add(done);
      if (!running) {
        running = true;
        try {
          thread.execute(this::drain);
        } catch (RuntimeException closed) {
          running = false;
          waiting.remove(done);
          done.completeExceptionally(new IOException("group sync closed", closed));
        }
      }
    }
    return done;
  }

  /** Syncs for everyone waiting, again while more came meanwhile. */
  private void drain() {
    while (true) {
      List<CompletableFuture<Void>> group;
      synchronized (this) {
        if (waiting.isEmpty()) {
          running = false;
          return;
        }
        group = waiting;
        waiting = new ArrayList<>();
      }
      IOException cannot = unavailable; // found out while this group gathered: fail it without trying
      if (cannot != null) {
        group.forEach(f -> f.completeExceptionally(cannot));
        continue;
      }
      try {
        syncer.sync(root);
        worked = true;
        group.forEach(f -> f.complete(null));
      } catch (IOException e) {
        if (!worked && unavailable == null) { // never worked here (a sync without --file-system): not again
          unavailable = e;
          log.info("no file-system sync here ({}); each small file is fsynced on its own", e.getMessage());
        }
        group.forEach(f -> f.completeExceptionally(e));
      } catch (Throwable bug) {
        group.forEach(f -> f.completeExceptionally(new IOException("file system sync failed: " + bug, bug)));
      }
    }
  }

  private static void syncFileSystem(Path onFileSystem) throws IOException {
    Process process;
    try {
      process = new ProcessBuilder("sync", "--file-system", onFileSystem.toString())
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectErrorStream(true)
          .start();
    } catch (IOException cannotRun) {
      throw new IOException("cannot run sync --file-system: " + cannotRun.getMessage(), cannotRun);
    }
    byte[] said = process.getInputStream().readAllBytes();
    int status;
    try {
      if (!process.waitFor(10, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IOException("sync --file-system " + onFileSystem + " did not finish in 10 minutes");
      }
      status = process.exitValue();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while syncing " + onFileSystem, e);
    }
    if (status != 0) {
      throw new IOException("sync --file-system " + onFileSystem + " failed (exit " + status + "): "
          + new String(said, StandardCharsets.UTF_8).strip());
    }
  }

  @Override
  public void close() {
    thread.shutdown();
    try {
      thread.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
