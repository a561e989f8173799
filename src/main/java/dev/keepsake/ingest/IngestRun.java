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
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A one-shot ingest from start to end: check the archive, take its lock, open the ledger, clean up
 * what a crash left, run one pass over the sources. A dry run writes nothing anywhere.
 */
public final class IngestRun {
  private static final Logger log = LoggerFactory.getLogger(IngestRun.class);

  /** Copies in flight at once: their fsyncs overlap, and hashing uses every core. */
  private static final int COPY_WORKERS = 4;

  private IngestRun() {}

  /**
   * @throws ArchiveUnavailableException when the archive root is missing, not a folder, not
   *     writable, or locked by another Keepsake
   */
  public static IngestSummary run(IngestOptions options, List<Source> sources, IngestListener listener)
      throws ArchiveUnavailableException {
    Path root = options.archiveRoot();
    checkArchiveRoot(root, options.dryRun());
    if (options.dryRun()) {
      Path ledgerFile = options.effectiveLedgerFile();
      try (Ledger ledger = Files.exists(ledgerFile) ? Ledger.open(ledgerFile, options.clock()) : Ledger.inMemory(options.clock())) {
        return runPass(options, ledger, sources, listener);
      }
    }
    try (ArchiveLock lock = ArchiveLock.acquire(options.stateDir());
        Ledger ledger = Ledger.open(options.effectiveLedgerFile(), options.clock())) {
      List<Path> tempDirs = ledger.tempDirs();
      int removed = TempLeftovers.clean(tempDirs);
      if (removed > 0) {
        log.info("removed {} temp file(s) left by an interrupted run", removed);
      }
      ledger.forgetTempDirs(tempDirs);
      return runPass(options, ledger, sources, listener);
    } catch (IOException e) {
      throw new ArchiveUnavailableException("archive " + root + ": " + e.getMessage(), e);
    }
  }

  private static IngestSummary runPass(IngestOptions options, Ledger ledger, List<Source> sources, IngestListener listener) {
    Path root = options.archiveRoot();
    ThreadLocal<WriteOnceCopier> copiers = ThreadLocal.withInitial(() -> new WriteOnceCopier(root, options.opener(), ledger));
    Ingestor ingestor = new Ingestor(root, options.layout(), ledger,
        new CaptureDateReader(options.zone(), options.clock()), copiers::get, options.opener(), options.clock(),
        options.dryRun());
    AtomicInteger threads = new AtomicInteger();
    ExecutorService workers = Executors.newFixedThreadPool(COPY_WORKERS, task -> {
      Thread t = new Thread(task, "keepsake-copy-" + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    try {
      return new IngestPass(ingestor, ledger, new MediaInspector(options.zone(), options.clock()), listener,
          workers, 2 * COPY_WORKERS).run(sources);
    } finally {
      workers.shutdownNow();
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
