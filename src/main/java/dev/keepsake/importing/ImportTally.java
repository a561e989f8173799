package dev.keepsake.importing;

import dev.keepsake.ingest.FileOutcome;
import dev.keepsake.ingest.IngestListener;
import dev.keepsake.media.DateOrigin;
import dev.keepsake.source.Source;
import dev.keepsake.source.SourceFile;
import dev.keepsake.source.SourcePaths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What an import did, counted from every file's outcome as it happens (and passed on to the
 * console's listener): imported, already in the archive, already imported by an earlier run, how
 * the imported files were dated, what failed. The lists keep their first {@value #LISTED} names
 * (memory does not grow with the import); the counts are exact. It also paces the import.
 */
public final class ImportTally implements IngestListener {
  static final int LISTED = 100;

  private final IngestListener next;
  private final Pacer pacer;
  private long imported;
  private long importedBytes;
  private long alreadyInArchive;
  private long importedBefore;
  private long skipped;
  private long byMetadata;
  private long bySidecar;
  private long weak;
  private long failed;
  private final List<String> weakFiles = new ArrayList<>();
  private final List<String> failedFiles = new ArrayList<>();

  private final boolean dryRun;
  private String stopped;

  /**
   * @param megabytesPerSecond the read-rate cap, 0 for none
   * @param dryRun nothing is written: the summary says what would be
   */
  public ImportTally(IngestListener next, double megabytesPerSecond, boolean dryRun) {
    this(next, Pacer.of(megabytesPerSecond), dryRun);
  }

  ImportTally(IngestListener next, Pacer pacer, boolean dryRun) {
    this.next = next;
    this.pacer = pacer;
    this.dryRun = dryRun;
  }

  /** The import stopped part-way, for this reason; what it did before stays done. */
  public synchronized void stopped(String reason) {
    stopped = reason;
  }

  /** Why the import stopped part-way, or null when it went through. */
  public synchronized String stopReason() {
    return stopped;
  }

  private boolean planGiven;
  private long seenFiles;
  private long seenBytes;
  private long sliceFiles;
  private long sliceBytes;

  /** The whole import's files and bytes, as far as they are known before it reads them (more may follow). */
  public synchronized void plan(long files, long bytes) {
    planGiven = true;
    next.planned((int) Math.min(Integer.MAX_VALUE, files), bytes);
  }

  @Override
  public synchronized void planned(int files, long bytes) {
    if (!planGiven) { // a pass's own plan counts only when the import gave none
      next.planned(files, bytes);
    }
  }

  /** A pass over files of these counts begins: the files it tells no outcome for were done already. */
  synchronized void sliceStarted() {
    sliceFiles = seenFiles;
    sliceBytes = seenBytes;
  }

  /** The pass over {@code files} files of {@code bytes} bytes ended; those it said nothing of were done already. */
  synchronized void sliceEnded(long files, long bytes) {
    long quietFiles = files - (seenFiles - sliceFiles);
    long quietBytes = bytes - (seenBytes - sliceBytes);
    if (quietFiles > 0) {
      next.alreadyDone(quietFiles, Math.max(0, quietBytes));
    }
  }

  /** An entry of a part that an earlier run imported: counted, and its bytes passed over. */
  synchronized void entryDoneBefore(long bytes) {
    importedBefore++;
    next.alreadyDone(1, bytes);
  }

  @Override
  public synchronized void outcome(FileOutcome outcome) {
    next.outcome(outcome);
    seenFiles++;
    seenBytes += outcome.file().size();
    String shown = SourcePaths.printable("/" + outcome.file().relative());
    switch (outcome.kind()) {
      case ARCHIVED -> {
        imported++;
        importedBytes += outcome.file().size();
        DateOrigin origin = outcome.date().origin();
        if (origin == DateOrigin.TAKEOUT_SIDECAR) {
          bySidecar++;
        } else if (origin.isWeak()) {
          weak++;
          listed(weakFiles, shown + " -> " + outcome.archivePath() + ": by " + origin.describe());
        } else {
          byMetadata++;
        }
      }
      case DUPLICATE -> alreadyInArchive++;
      case UNCHANGED -> { } // counted from the pass's summary: a pass tells no outcome for a file it knows unchanged
      case SKIPPED -> {
        if (!dev.keepsake.takeout.FolderSidecars.isSidecarName(outcome.file().fileName())) {
          skipped++; // a sidecar looked at beside its photo is not a file that was left out
        }
      }
      case FAILED -> {
        failed++;
        listed(failedFiles, shown + ": " + outcome.message());
      }
      default -> { }
    }
    if (outcome.kind() == FileOutcome.Kind.ARCHIVED || outcome.kind() == FileOutcome.Kind.DUPLICATE) {
      pacer.read(outcome.file().size()); // both were read whole (copied and compared, or hashed)
    }
  }

  @Override
  public void waiting(SourceFile file, Instant readyAt) {
    next.waiting(file, readyAt);
  }

  @Override
  public synchronized void problem(String message) {
    failed++;
    listed(failedFiles, message);
    next.problem(message);
  }

  @Override
  public synchronized void sourceProblem(Source source, String message) {
    failed++;
    listed(failedFiles, message);
    next.sourceProblem(source, message);
  }

  @Override
  public synchronized void refused(Source source, String path, String message) {
    failed++;
    listed(failedFiles, message);
    next.refused(source, path, message);
  }

  /** Files a pass found unchanged since an earlier run imported them. */
  synchronized void importedBefore(long files) {
    importedBefore += files;
  }

  private static void listed(List<String> list, String line) {
    if (list.size() < LISTED) {
      list.add(line);
    }
  }

  public synchronized long failed() {
    return failed + (stopped == null ? 0 : 1);
  }

  /** The summary the import ends with: counts, then the weakly dated and the failed files, each by name. */
  public synchronized List<String> summary() {
    List<String> lines = new ArrayList<>();
    lines.add((dryRun ? "would import " : "imported ") + imported + " (" + String.format(java.util.Locale.ROOT, "%.1f MB", importedBytes / 1e6) + "), already in the archive "
        + alreadyInArchive + ", imported by an earlier run " + importedBefore + ", not photos or videos " + skipped
        + ", failed " + failed);
    lines.add("dated by the embedded metadata " + byMetadata + ", by the Takeout sidecar " + bySidecar
        + ", weakly (name or file time) " + weak);
    if (weak > 0) {
      lines.add("weakly dated (check these):");
      weakFiles.forEach(f -> lines.add("  " + f));
      if (weak > weakFiles.size()) {
        lines.add("  … and " + (weak - weakFiles.size()) + " more (keepsake report lists them too)");
      }
    }
    if (stopped != null) {
      lines.add("stopped before the end: " + stopped + "; then run import again with the same paths: it goes on where it stopped");
    }
    if (failed > 0) {
      lines.add("failed:");
      failedFiles.forEach(f -> lines.add("  " + f));
      if (failed > failedFiles.size()) {
        lines.add("  … and " + (failed - failedFiles.size()) + " more");
      }
    }
    return lines;
  }
}
