package dev.keepsake.ingest;

import dev.keepsake.source.SourcePaths;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The one queue every signal goes through (Syncthing events, the file watcher, hooks, reconcile
 * timers) on its way to the one ingesting thread. Signals for the same path coalesce. It is bounded
 * without losing anything: when it holds {@code capacity} paths, a source's further paths are
 * replaced by one "reconcile this source" — a full pass finds them all.
 */
public final class IngestQueue {
  /** What the ingesting thread takes: paths per source, and sources to reconcile whole. */
  public record Batch(Map<String, Set<String>> paths, Set<String> reconcile) {
    public boolean isEmpty() {
      return paths.isEmpty() && reconcile.isEmpty();
    }
  }

  private final int capacity;
  private Map<String, Set<String>> paths = new LinkedHashMap<>();
  private Set<String> reconcile = new LinkedHashSet<>();
  private int size;
  private boolean closed;

  public IngestQueue(int capacity) {
    this.capacity = capacity;
  }

  /** Path {@code relative} of source {@code source} may have changed. Never blocks. */
  public synchronized void offer(String source, String path) {
    String relative = path == null || SourcePaths.problem(path) != null ? path : SourcePaths.normalize(path);
    if (closed || reconcile.contains(source)) {
      return; // a reconcile of the source will look at it anyway
    }
    if (size >= capacity) {
      reconcile(source);
      return;
    }
    if (paths.computeIfAbsent(source, s -> new LinkedHashSet<>()).add(relative)) {
      size++;
      notifyAll();
    }
  }

  /** The whole source must be looked at (start-up, a gap in events, a watcher overflow, a timer). */
  public synchronized void reconcile(String source) {
    if (closed) {
      return;
    }
    Set<String> dropped = paths.remove(source);
    if (dropped != null) {
      size -= dropped.size();
    }
    reconcile.add(source);
    notifyAll();
  }

  /** Everything queued, waiting up to {@code maxWait} for something; empty on timeout or close. */
  public synchronized Batch take(Duration maxWait) throws InterruptedException {
    long deadline = System.nanoTime() + maxWait.toNanos();
    while (!closed && size == 0 && reconcile.isEmpty()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    Batch batch = new Batch(paths, reconcile);
    paths = new LinkedHashMap<>();
    reconcile = new LinkedHashSet<>();
    size = 0;
    return batch;
  }

  /** Paths of {@code source} waiting (a reconcile waiting counts as one). */
  public synchronized int pending(String source) {
    Set<String> queued = paths.get(source);
    return (queued == null ? 0 : queued.size()) + (reconcile.contains(source) ? 1 : 0);
  }

  /** Whether a whole look at {@code source} waits (events may have been missed). */
  public synchronized boolean reconcilePending(String source) {
    return reconcile.contains(source);
  }

  /** Paths and reconciles waiting. */
  public synchronized int depth() {
    return size + reconcile.size();
  }

  /** Takes no more signals and wakes the taker. */
  public synchronized void close() {
    closed = true;
    notifyAll();
  }
}
