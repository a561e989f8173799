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
    return run(options, sources, listener, java.util.Map.of());
  }

  /** @param folderPaths Syncthing folder id → path it was found at, kept in the ledger for runs without Syncthing */
  public static IngestSummary run(IngestOptions options, List<Source> sources, IngestListener listener,
      java.util.Map<String, java.nio.file.Path> folderPaths) throws ArchiveUnavailableException {
    try (Archiver archiver = Archiver.open(options, listener, source -> Duration.ZERO)) {
      folderPaths.forEach(archiver.ledger()::saveFolderPath);
      return archiver.reconcile(sources);
    }
  }
}
