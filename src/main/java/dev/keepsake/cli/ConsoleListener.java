package dev.keepsake.cli;

import dev.keepsake.ingest.FileOutcome;
import dev.keepsake.ingest.IngestListener;
import java.io.PrintWriter;

/** Prints what an ingest does: failures on stderr always; archived files when asked; progress on a terminal. */
final class ConsoleListener implements IngestListener {
  private final PrintWriter out;
  private final PrintWriter err;
  private final boolean listArchived;
  private final boolean dryRun;
  private final ProgressLine progress;

  ConsoleListener(PrintWriter out, PrintWriter err, boolean listArchived, boolean dryRun, ProgressLine progress) {
    this.out = out;
    this.err = err;
    this.listArchived = listArchived;
    this.dryRun = dryRun;
    this.progress = progress;
  }

  @Override
  public void planned(int files, long bytes) {
    progress.plan(files, bytes);
  }

  @Override
  public void alreadyDone(long files, long bytes) {
    progress.skipped(files, bytes);
  }

  @Override
  public void outcome(FileOutcome outcome) {
    progress.advance(outcome.file().size());
    switch (outcome.kind()) {
      case FAILED -> {
        progress.clear();
        err.println(dev.keepsake.source.SourcePaths.printable("failed: " + outcome.file() + ": [" + outcome.failure() + "] " + outcome.message()));
        err.flush();
      }
      case ARCHIVED -> {
        if (listArchived) {
          progress.clear();
          out.println(dev.keepsake.source.SourcePaths.printable((dryRun ? "would archive " : "archived ") + outcome.file() + " -> " + outcome.archivePath()
              + " (" + outcome.date().origin().label() + " " + dev.keepsake.notify.HumanText.local(outcome.date().local())
              + (outcome.date().offset() == null ? "" : " " + outcome.date().offset()) + ")" + rescued(outcome)));
          out.flush();
        }
      }
      case DUPLICATE -> {
        if (listArchived) {
          progress.clear();
          out.println(dev.keepsake.source.SourcePaths.printable("duplicate " + outcome.file() + " = " + outcome.archivePath() + rescued(outcome)));
          out.flush();
        }
      }
      case SKIPPED -> {
        if (listArchived) {
          progress.clear();
          out.println(dev.keepsake.source.SourcePaths.printable("skipped " + outcome.file() + " (" + outcome.message() + ")"));
          out.flush();
        }
      }
      default -> { }
    }
  }

  @Override
  public void passedOver(dev.keepsake.source.Source source, String relative, String reason) {
    if (listArchived) {
      progress.clear();
      out.println(dev.keepsake.source.SourcePaths.printable("skipped " + source.name() + ":" + relative + " (" + reason + ")"));
      out.flush();
    }
  }

  private static String rescued(FileOutcome outcome) {
    var file = outcome.file();
    return file.rescuedFrom() == null ? "" : " (rescued from " + file.source().root().relativize(file.rescuedFrom()) + ")";
  }

  @Override
  public void problem(String message) {
    progress.clear();
    err.println(dev.keepsake.source.SourcePaths.printable("failed: " + message));
    err.flush();
  }

  void finish() {
    progress.clear();
  }
}
