package dev.keepsake.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A live line on a terminal for long runs: files done, MB/s, time left. Silent when the output is
 * not a terminal (cron, systemd, pipes) and for the first second, so short runs stay clean.
 */
final class ProgressLine {
  private static final long FIRST_AFTER_NANOS = 1_000_000_000L;
  private static final long EVERY_NANOS = 250_000_000L;

  private final PrintWriter err;
  private final boolean enabled;
  private final LongSupplier nanoTime;
  private final long start;
  private long lastDraw;
  private long files;
  private long bytes;
  private long doneFiles;
  private long doneBytes;
  private long skippedBytes;
  private boolean drawn;

  ProgressLine(PrintWriter err, boolean enabled, LongSupplier nanoTime) {
    this.err = err;
    this.enabled = enabled;
    this.nanoTime = nanoTime;
    this.start = nanoTime.getAsLong();
  }

  static ProgressLine forTerminal(PrintWriter err) {
    return new ProgressLine(err, System.console() != null, System::nanoTime);
  }

  void plan(int moreFiles, long moreBytes) {
    files += moreFiles;
    bytes += moreBytes;
  }

  void advance(long fileBytes) {
    advance(1, fileBytes);
  }

  /** {@code moreFiles} files of {@code moreBytes} bytes were done already: counted done, not read (not in the rate). */
  void skipped(long moreFiles, long moreBytes) {
    skippedBytes += moreBytes;
    advance(moreFiles, moreBytes);
  }

  private void advance(long moreFiles, long moreBytes) {
    doneFiles += moreFiles;
    doneBytes += moreBytes;
    long now = nanoTime.getAsLong();
    if (!enabled || now - start < FIRST_AFTER_NANOS || now - lastDraw < EVERY_NANOS) {
      return;
    }
    lastDraw = now;
    double seconds = (now - start) / 1e9;
    double rate = (doneBytes - skippedBytes) / seconds;
    long left = rate > 0 ? (long) (Math.max(0, bytes - doneBytes) / rate) : 0;
    err.print(String.format(Locale.ROOT, "\r%d/%d files, %.1f MB/s, ETA %d:%02d   ",
        doneFiles, files, rate / 1e6, left / 60, left % 60));
    err.flush();
    drawn = true;
  }

  void clear() {
    if (drawn) {
      err.print("\r" + " ".repeat(60) + "\r");
      err.flush();
      drawn = false;
    }
  }
}
