package dev.keepsake.ingest;

import java.time.Duration;
import java.util.Locale;

/** Counts of one pass, and the summary line the CLI prints (a contract other tools parse). */
public final class IngestSummary {
  private long archived;
  private long archivedBytes;
  private long duplicates;
  private long unchanged;
  private long skipped;
  private long failed;

  void add(FileOutcome outcome) {
    switch (outcome.kind()) {
      case ARCHIVED -> {
        archived++;
        archivedBytes += outcome.bytes();
      }
      case DUPLICATE -> duplicates++;
      case UNCHANGED -> unchanged++;
      case SKIPPED -> skipped++;
      case FAILED -> failed++;
    }
  }

  void addSkipped(long count) {
    skipped += count;
  }

  void addFailed(long count) {
    failed += count;
  }

  public long archived() {
    return archived;
  }

  public long archivedBytes() {
    return archivedBytes;
  }

  public long duplicates() {
    return duplicates;
  }

  public long unchanged() {
    return unchanged;
  }

  public long skipped() {
    return skipped;
  }

  public long failed() {
    return failed;
  }

  /** {@code archived N (B bytes), duplicates N, unchanged N, skipped N, failed N in T s}. */
  public String line(Duration took) {
    return String.format(Locale.ROOT, "archived %d (%d bytes), duplicates %d, unchanged %d, skipped %d, failed %d in %.1f s",
        archived, archivedBytes, duplicates, unchanged, skipped, failed, took.toMillis() / 1000.0);
  }
}
