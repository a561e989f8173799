package dev.keepsake.importing;

import java.util.function.LongSupplier;

/**
 * Keeps an import's read rate at or under a cap: after each file it waits as long as the bytes read
 * so far are ahead of the cap's schedule. Time and sleep are injected (tests run it without waiting).
 */
final class Pacer {
  /** Sleeps for the given milliseconds. */
  interface Sleeper {
    void sleep(long millis) throws InterruptedException;
  }

  /** No cap: never waits. */
  static final Pacer NONE = new Pacer(0, System::nanoTime, millis -> { });

  private final long bytesPerSecond;
  private final LongSupplier nanoTime;
  private final Sleeper sleeper;
  private final long start;
  private long bytes;

  /** @param bytesPerSecond the cap; 0 for none */
  Pacer(long bytesPerSecond, LongSupplier nanoTime, Sleeper sleeper) {
    this.bytesPerSecond = bytesPerSecond;
    this.nanoTime = nanoTime;
    this.sleeper = sleeper;
    this.start = nanoTime.getAsLong();
  }

  static Pacer of(double megabytesPerSecond) {
    return megabytesPerSecond <= 0 ? NONE
        : new Pacer((long) (megabytesPerSecond * 1_000_000), System::nanoTime, Thread::sleep);
  }

  /** {@code read} more bytes were read; waits until the cap allows them. */
  synchronized void read(long read) {
    if (bytesPerSecond <= 0) {
      return;
    }
    bytes += read;
    long dueNanos = (long) (bytes * 1e9 / bytesPerSecond);
    long aheadMillis = (dueNanos - (nanoTime.getAsLong() - start)) / 1_000_000;
    if (aheadMillis > 0) {
      try {
        sleeper.sleep(aheadMillis);
      } catch (InterruptedException stop) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
