package dev.keepsake.ingest;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads an archiver's passes run on: copy workers (copy, compare, hash) and sync workers
 * (fsyncs, many in flight at once). Daemon threads; {@link #close} lets work in flight end (30 s
 * each) before it stops them.
 */
final class WorkerPools implements AutoCloseable {
  /** Copies in flight at once: their fsyncs overlap, and hashing uses every core. */
  static final int COPY_WORKERS = 4;
  /**
   * fsyncs in flight at once: the file system commits concurrent fsyncs in one journal commit, so a
   * burst of small files pays far fewer disk flushes (each blocked thread costs nothing but a stack).
   */
  static final int SYNC_WORKERS = 32;

  final ExecutorService copiers = pool("keepsake-copy-", COPY_WORKERS);
  final ExecutorService syncers = pool("keepsake-sync-", SYNC_WORKERS);

  private static ExecutorService pool(String prefix, int threads) {
    AtomicInteger made = new AtomicInteger();
    return Executors.newFixedThreadPool(threads, task -> {
      Thread t = new Thread(task, prefix + made.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  @Override
  public void close() {
    syncers.shutdown();
    copiers.shutdown();
    stop(copiers);
    stop(syncers);
  }

  private static void stop(ExecutorService pool) {
    try {
      if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
        pool.shutdownNow();
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
