package dev.keepsake.ingest;

import dev.keepsake.archive.ArchiveLock;
import dev.keepsake.archive.TempLeftovers;
import dev.keepsake.archive.WriteOnceCopier;
import dev.keepsake.ledger.Ledger;
import dev.keepsake.media.CaptureDateReader;
import dev.keepsake.media.MediaInspector;
import dev.keepsake.source.Source;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An open archive, ready to ingest: its lock held (one writer per archive), its ledger open, temp
 * files left by a crash removed, copy workers started. Used for one pass by {@code keepsake ingest}
 * and for months by the service. Passes must come from one thread at a time.
 */
public final class Archiver implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Archiver.class);
  /** Copies in flight at once: their fsyncs overlap, and hashing uses every core. */
  private static final int COPY_WORKERS = 4;
  /**
   * fsyncs in flight at once: the file system commits concurrent fsyncs in one journal commit, so a
   * burst of small files pays far fewer disk flushes (each blocked thread costs nothing but a stack).
   */
  private static final int SYNC_WORKERS = 32;

  private final ArchiveLock lock;
  private final Ledger ledger;
  private final ExecutorService workers;
  private final ExecutorService syncers;
  private final IngestPass pass;

  private Archiver(ArchiveLock lock, Ledger ledger, ExecutorService workers, ExecutorService syncers, IngestPass pass) {
    this.lock = lock;
    this.ledger = ledger;
    this.workers = workers;
    this.syncers = syncers;
    this.pass = pass;
  }

  /**
   * @param settle per source: files changed more recently than this are not copied yet
   *     ({@link IngestListener#waiting}); zero where a writer renames complete files into place
   * @throws ArchiveUnavailableException when the archive root is missing, not a folder, not
   *     writable, or locked by another Keepsake
   */
  public static Archiver open(IngestOptions options, IngestListener listener, Function<Source, Duration> settle)
      throws ArchiveUnavailableException {
    return open(options, listener, settle, RetryPolicy.defaults());
  }

  /** @param retry when a file that failed is due again (recorded in the ledger's retry schedule) */
  public static Archiver open(IngestOptions options, IngestListener listener, Function<Source, Duration> settle,
      RetryPolicy retry) throws ArchiveUnavailableException {
    Path root = options.archiveRoot();
    checkArchiveRoot(root, options.dryRun());
    ArchiveLock lock = null;
    Ledger ledger = null;
    try {
      if (options.dryRun()) {
        Path file = options.effectiveLedgerFile();
        ledger = Files.exists(file) ? Ledger.openReadOnly(file, options.clock()) : Ledger.inMemory(options.clock());
      } else {
        lock = ArchiveLock.acquire(root);
        checkLedgerPath(root, options.effectiveLedgerFile());
        ledger = Ledger.open(options.effectiveLedgerFile(), options.clock());
        List<Path> tempDirs = ledger.tempDirs();
        int removed = TempLeftovers.clean(root, tempDirs);
        if (removed > 0) {
          log.info("removed {} temp file(s) left by an interrupted run", removed);
        }
        ledger.forgetTempDirs(tempDirs);
      }
    } catch (IOException | RuntimeException e) {
      closeQuietly(ledger, lock);
      if (e instanceof RuntimeException r) {
        throw r;
      }
      if (e instanceof dev.keepsake.fs.LinkOnPathException) {
        throw new ArchiveUnavailableException("archive " + root + ": " + e.getMessage()
            + ": remove the link; Keepsake keeps its state in a real folder of the archive, so nothing was written through it", e);
      }
      throw new ArchiveUnavailableException("archive " + root + ": " + e.getMessage(), e);
    }
    Ledger l = ledger;
    ThreadLocal<WriteOnceCopier> copiers = ThreadLocal.withInitial(() -> new WriteOnceCopier(root, options.opener(), l, options.umask()));
    Ingestor ingestor = new Ingestor(root, options.layout(), ledger,
        new CaptureDateReader(options.zone(), options.clock()), copiers::get, options.opener(), options.clock(),
        options.dryRun());
    AtomicInteger threads = new AtomicInteger();
    ExecutorService workers = Executors.newFixedThreadPool(COPY_WORKERS, task -> {
      Thread t = new Thread(task, "keepsake-copy-" + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    AtomicInteger syncThreads = new AtomicInteger();
    ExecutorService syncers = Executors.newFixedThreadPool(SYNC_WORKERS, task -> {
      Thread t = new Thread(task, "keepsake-sync-" + syncThreads.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    IngestPass pass = new IngestPass(ingestor, ledger, new MediaInspector(options.zone(), options.clock()), listener,
        workers, syncers, 2 * SYNC_WORKERS, options.clock(), settle,
        options.dryRun() ? null : new RetryBook(ledger.retries(), retry));
    return new Archiver(lock, ledger, workers, syncers, pass);
  }

  /** A full pass over {@code sources}: every file looked at (stat only for what the ledger knows). */
  public IngestSummary reconcile(List<Source> sources) {
    return pass.run(sources);
  }

  /** A pass over some paths of one source. */
  public IngestSummary ingestPaths(Source source, Collection<String> paths) {
    return pass.runPaths(source, paths);
  }

  public Ledger ledger() {
    return ledger;
  }

  @Override
  public void close() {
    syncers.shutdown();
    workers.shutdown();
    try {
      if (!workers.awaitTermination(30, TimeUnit.SECONDS)) {
        workers.shutdownNow();
      }
    } catch (InterruptedException e) {
      workers.shutdownNow();
      Thread.currentThread().interrupt();
    }
    try {
      if (!syncers.awaitTermination(30, TimeUnit.SECONDS)) {
        syncers.shutdownNow();
      }
    } catch (InterruptedException e) {
      syncers.shutdownNow();
      Thread.currentThread().interrupt();
    }
    closeQuietly(ledger, lock);
  }

  private static void closeQuietly(Ledger ledger, ArchiveLock lock) {
    if (ledger != null) {
      try {
        ledger.close();
      } catch (RuntimeException e) {
        log.warn("closing the ledger: {}", e.getMessage());
      }
    }
    if (lock != null) {
      try {
        lock.close();
      } catch (IOException e) {
        log.warn("releasing the archive lock: {}", e.getMessage());
      }
    }
  }

  /**
   * A ledger inside the archive (the default {@code .keepsake/ledger.db}) must be reached without a
   * link: SQLite opens it by path, and a planted link would carry its writes outside the archive.
   */
  static void checkLedgerPath(Path root, Path ledgerFile) throws IOException {
    Path normal = ledgerFile.toAbsolutePath().normalize();
    Path archive = root.toAbsolutePath().normalize();
    if (!normal.startsWith(archive)) {
      return; // the owner's choice of place (ledger: in the config)
    }
    String relativeDir = archive.relativize(normal.getParent()).toString();
    String name = normal.getFileName().toString();
    try (var folder = new dev.keepsake.fs.ConfinedRoot(archive).folderCreating(relativeDir,
        dev.keepsake.archive.Permissions.of(0750), made -> { })) {
      for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
        var there = folder.statIfExists(name + suffix);
        if (there.isPresent() && there.get().isSymbolicLink()) {
          throw new dev.keepsake.fs.LinkOnPathException(normal.resolveSibling(name + suffix), "where the ledger should be");
        }
      }
    }
  }

  private static void checkArchiveRoot(Path root, boolean dryRun) throws ArchiveUnavailableException {
    if (!Files.exists(root)) {
      throw new ArchiveUnavailableException("archive root " + root + " does not exist: create it (mkdir -p " + root
          + ") or mount its disk; Keepsake never creates it, so an unmounted disk cannot fill the system disk", null);
    }
    if (!Files.isDirectory(root)) {
      throw new ArchiveUnavailableException("archive root " + root + " is not a folder: point --archive (or archive.root) at a folder", null);
    }
    if (!dryRun && !Files.isWritable(root)) {
      throw new ArchiveUnavailableException("archive root " + root + " is not writable: give the Keepsake user write access"
          + " (or check the disk is not mounted read-only)", null);
    }
  }
}
