package dev.keepsake.ingest;

import dev.keepsake.archive.WriteOnceCopier;
import dev.keepsake.ledger.Ledger;
import dev.keepsake.media.CaptureDateReader;
import dev.keepsake.media.MediaInspector;
import dev.keepsake.source.Source;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Ingest over an open archive (its lock and ledger held by {@code app.Keepsake}): the copy and sync
 * workers and the pass they serve. Used for one pass by {@code keepsake ingest} and for months by the
 * service. Passes must come from one thread at a time; {@link #close} stops the workers only.
 */
public final class Archiver implements AutoCloseable {
  /** Copies in flight at once: their fsyncs overlap, and hashing uses every core. */
  private static final int COPY_WORKERS = 4;
  /**
   * fsyncs in flight at once: the file system commits concurrent fsyncs in one journal commit, so a
   * burst of small files pays far fewer disk flushes (each blocked thread costs nothing but a stack).
   */
  private static final int SYNC_WORKERS = 32;

  private final ExecutorService workers;
  private final ExecutorService syncers;
  private final IngestPass pass;

  private Archiver(ExecutorService workers, ExecutorService syncers, IngestPass pass) {
    this.workers = workers;
    this.syncers = syncers;
    this.pass = pass;
  }

  /**
   * Starts the copy workers over an archive whose lock is held and whose {@code ledger} is open
   * (by {@code app.Keepsake}, which also closes them after this).
   *
   * @param settle per source: files changed more recently than this are not copied yet
   *     ({@link IngestListener#waiting}); zero where a writer renames complete files into place
   * @param retry when a file that failed is due again (recorded in the ledger's retry schedule)
   */
  public static Archiver start(IngestOptions options, Ledger ledger, IngestListener listener,
      Function<Source, Duration> settle, RetryPolicy retry) {
    Path root = options.archiveRoot();
    ThreadLocal<WriteOnceCopier> copiers = ThreadLocal.withInitial(() -> new WriteOnceCopier(root, options.opener(), ledger.temps(), options.umask()));
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
    return new Archiver(workers, syncers, pass);
  }

  /** A full pass over {@code sources}: every file looked at (stat only for what the ledger knows). */
  public IngestSummary reconcile(List<Source> sources) {
    return pass.run(sources);
  }

  /** A pass over some paths of one source. */
  public IngestSummary ingestPaths(Source source, Collection<String> paths) {
    return pass.runPaths(source, paths);
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
  }
}
