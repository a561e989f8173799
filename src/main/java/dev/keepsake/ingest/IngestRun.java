package dev.keepsake.ingest;

import dev.keepsake.source.Source;
import java.time.Duration;
import java.util.List;

/** A one-shot ingest ({@code keepsake ingest}): open the archive, one full pass, close. */
public final class IngestRun {
  private IngestRun() {}

  /**
   * @throws ArchiveUnavailableException when the archive root is missing, not a folder, not
   *     writable, or locked by another Keepsake
   */
  public static IngestSummary run(IngestOptions options, List<Source> sources, IngestListener listener)
      throws ArchiveUnavailableException {
    try (Archiver archiver = Archiver.open(options, listener, source -> Duration.ZERO)) {
      return archiver.reconcile(sources);
    }
  }
}
