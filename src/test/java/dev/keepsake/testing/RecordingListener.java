package dev.keepsake.testing;

import dev.keepsake.ingest.FileOutcome;
import dev.keepsake.ingest.IngestListener;
import dev.keepsake.source.SourceFile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Keeps what a pass reports, for a test to assert on. */
public final class RecordingListener implements IngestListener {
  public final List<FileOutcome> outcomes = new ArrayList<>();
  public final List<String> problems = new ArrayList<>();
  public final List<SourceFile> waiting = new ArrayList<>();

  @Override
  public void outcome(FileOutcome outcome) {
    outcomes.add(outcome);
  }

  @Override
  public void problem(String message) {
    problems.add(message);
  }

  @Override
  public void waiting(SourceFile file, Instant readyAt) {
    waiting.add(file);
  }

  /** Forgets everything recorded so far (a test's next pass). */
  public void clear() {
    outcomes.clear();
    problems.clear();
    waiting.clear();
  }
}
