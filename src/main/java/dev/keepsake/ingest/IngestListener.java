package dev.keepsake.ingest;

/** Hears what a pass does, as it does it: the CLI prints failures and progress from here. */
public interface IngestListener {
  /** The pass is about to look at this many changed or new files of this many bytes. */
  default void planned(int files, long bytes) {}

  default void outcome(FileOutcome outcome) {}

  /** A problem that is not about one file (a source folder that cannot be read). */
  default void problem(String message) {}

  IngestListener NONE = new IngestListener() {};
}
