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
 * per group. Used only where {@link FileSystemSync#isReliableOn} holds (Linux 5.8+, a local disk).
 * Where it cannot run, or a sync fails, the futures fail and, for the rest of the run, every request
 * fails at once: the callers fall back to an fsync of each file, which names the file that could
 * not be made durable. A sync flushes the whole file system, other programs' writes too: it costs
 * more where the archive shares a disk with busy writers, which is why only small files that are
 * not alone take this way (see its callers).
 *
 * <p>Thread-safe; {@link #close} ends its thread (requests after that fail).
 */
public final class GroupSync implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(GroupSync.class);

  /** One sync of the file system holding a path; a seam for tests. */
  @FunctionalInterface
  public interface FileSystemSync {
    void sync(Path onFileSystem) throws IOException;

    /**
     * Whether a successful {@link #sync} of {@code root} makes what was written there as durable as
     * an fsync of each file would, and says so when it does not; when not, each file takes its own.
     */
    default boolean isReliableOn(Path root) {
      return true;
    }
  }

  private final Path root;
  private final FileSystemSync syncer;
  private final ExecutorService thread;
  private List<CompletableFuture<Void>> waiting = new ArrayList<>();
  private boolean running;
  /**
   * Set by the first failure, for good: the command cannot run here, or the disk failed a write. A
   * later sync would not say so again (the kernel tells a write-back error once, to whoever asks
   * first), so from then on each file takes its own fsync, which does.
   */
  private volatile IOException unavailable;

  /** The real one: {@code sync --file-system}, reliable on Linux 5.8+ with the archive on a local disk. */
  public static final FileSystemSync SYNCFS = new FileSystemSync() {
    @Override
    public void sync(Path onFileSystem) throws IOException {
      syncFileSystem(onFileSystem);
    }

    @Override
    public boolean isReliableOn(Path root) {
      return reportsErrors(System.getProperty("os.name"), System.getProperty("os.version")) && isLocalDisk(root);
    }
  };

  /**
   * {@code syncfs(2)} returns write-back errors since Linux 5.8; before, a failed write looked
   * durable. (A NAS's own older kernel: each file takes its own fsync there.)
   */
  static boolean reportsErrors(String osName, String osVersion) {
    if (!"Linux".equals(osName) || osVersion == null) {
      return false;
    }
    java.util.regex.Matcher version = java.util.regex.Pattern.compile("^(\\d+)\\.(\\d+)").matcher(osVersion);
    if (!version.find()) {
      return false;
    }
    int major = Integer.parseInt(version.group(1));
    int minor = Integer.parseInt(version.group(2));
    return major > 5 || (major == 5 && minor >= 8);
  }

  /** File systems whose sync flushes the disk like an fsync does (not FUSE, network shares, FAT). */
  private static final java.util.Set<String> LOCAL_DISKS = java.util.Set.of("ext4", "xfs", "btrfs", "f2fs");

  private static boolean isLocalDisk(Path root) {
    try {
      return LOCAL_DISKS.contains(java.nio.file.Files.getFileStore(root).type());
    } catch (IOException unknown) {
      return false;
    }
  }

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
        group.forEach(f -> f.complete(null));
      } catch (Throwable e) {
        IOException failed = e instanceof IOException io ? io : new IOException("file system sync failed: " + e, e);
        unavailable = failed;
        if (String.valueOf(failed.getMessage()).startsWith("cannot run")) { // no such command here: a fact, not trouble
          log.info("no file-system sync here ({}); each small file is fsynced on its own", failed.getMessage());
        } else { // a write may have failed: each file's own fsync now says which
          log.warn("file-system sync failed ({}); each small file is fsynced on its own for the rest of this run",
              failed.getMessage());
        }
        group.forEach(f -> f.completeExceptionally(failed));
      }
    }
  }

  private static void syncFileSystem(Path onFileSystem) throws IOException {
    Process process;
    try {
      process = new ProcessBuilder("sync", "--file-system", onFileSystem.toString())
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
    } catch (IOException cannotRun) {
      throw new IOException("cannot run sync --file-system: " + cannotRun.getMessage(), cannotRun);
    }
    byte[] said = process.getErrorStream().readAllBytes();
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
