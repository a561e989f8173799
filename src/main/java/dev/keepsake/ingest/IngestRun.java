package dev.keepsake.ingest;

import dev.keepsake.archive.ArchiveLock;
import dev.keepsake.archive.TempLeftovers;
import dev.keepsake.archive.WriteOnceCopier;
import dev.keepsake.ledger.Ledger;
import dev.keepsake.media.CaptureDateReader;
import dev.keepsake.media.MediaInspector;
import dev.keepsake.source.Source;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A one-shot ingest from start to end: check the archive, take its lock, open the ledger, clean up
 * what a crash left, run one pass over the sources. A dry run writes nothing anywhere.
 */
public final class IngestRun {
  private static final Logger log = LoggerFactory.getLogger(IngestRun.class);

  private IngestRun() {}

  /**
   * @throws ArchiveUnavailableException when the archive root is missing, not a folder, not
   *     writable, or locked by another Keepsake
   */
  public static IngestSummary run(IngestOptions options, List<Source> sources, IngestListener listener)
      throws ArchiveUnavailableException {
    Path root = options.archiveRoot();
    checkArchiveRoot(root, options.dryRun());
    if (options.dryRun()) {
      Path ledgerFile = options.effectiveLedgerFile();
      try (Ledger ledger = Files.exists(ledgerFile) ? Ledger.open(ledgerFile, options.clock()) : Ledger.inMemory(options.clock())) {
        return pass(options, ledger, listener).run(sources);
      }
    }
    try (ArchiveLock lock = ArchiveLock.acquire(options.stateDir());
        Ledger ledger = Ledger.open(options.effectiveLedgerFile(), options.clock())) {
      List<Path> tempDirs = ledger.tempDirs();
      int removed = TempLeftovers.clean(tempDirs);
      if (removed > 0) {
        log.info("removed {} temp file(s) left by an interrupted run", removed);
      }
      ledger.forgetTempDirs(tempDirs);
      return pass(options, ledger, listener).run(sources);
    } catch (IOException e) {
      throw new ArchiveUnavailableException("archive " + root + ": " + e.getMessage(), e);
    }
  }

  private static IngestPass pass(IngestOptions options, Ledger ledger, IngestListener listener) {
    Path root = options.archiveRoot();
    WriteOnceCopier copier = new WriteOnceCopier(root, options.opener(), ledger);
    Ingestor ingestor = new Ingestor(root, options.layout(), ledger,
        new CaptureDateReader(options.zone(), options.clock()), copier, options.opener(), options.clock(),
        options.dryRun());
    return new IngestPass(ingestor, ledger, new MediaInspector(options.zone(), options.clock()), listener);
  }

  private static void checkArchiveRoot(Path root, boolean dryRun) throws ArchiveUnavailableException {
    if (!Files.exists(root)) {
      throw new ArchiveUnavailableException("archive root " + root + " does not exist: create it (mkdir -p " + root
          + ") or mount its disk; Keepsake never creates it, so an unmounted disk cannot fill the system disk", null);
    }
    if (!Files.isDirectory(root)) {
      throw new ArchiveUnavailableException("archive root " + root + " is not a folder: point --archive (or archive.root) at a folder", null);
    }
    if (!dryRun && !Files.isWritable(root)) {
      throw new ArchiveUnavailableException("archive root " + root + " is not writable: give the Keepsake user write access"
          + " (or check the disk is not mounted read-only)", null);
    }
  }
}
