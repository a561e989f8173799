package dev.keepsake.ingest;

/** Hears what a pass does, as it does it: the CLI prints failures and progress from here. */
public interface IngestListener {
  /** The pass is about to look at this many changed or new files of this many bytes. */
  default void planned(int files, long bytes) {}

  default void outcome(FileOutcome outcome) {}

  /** Files found done already (an earlier run imported them), told together rather than one outcome each. */
  default void alreadyDone(long files, long bytes) {}

  /** A file changed too recently to be copied yet (the settle time); look again at {@code readyAt}. */
  default void waiting(dev.keepsake.source.SourceFile file, java.time.Instant readyAt) {}

  /** A path in a source that is not looked at: a link (never followed), a device, or excluded by a glob. */
  default void passedOver(dev.keepsake.source.Source source, String relative, String reason) {}

  /** A problem that is not about one file. */
  default void problem(String message) {}

  /** A source, or a folder of it, that the pass could not read (until a later pass can). */
  default void sourceProblem(dev.keepsake.source.Source source, String message) {
    problem(message);
  }

  /** A path handed in (hook, API, event) that was refused before anything resolved it. */
  default void refused(dev.keepsake.source.Source source, String path, String message) {
    problem(message);
  }

  IngestListener NONE = new IngestListener() {};
}
