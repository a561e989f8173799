package dev.keepsake.ingest;

import dev.keepsake.archive.ArchiveRoot;
import dev.keepsake.archive.GroupSync;
import dev.keepsake.archive.LayoutTemplate;
import dev.keepsake.archive.WriteOnceCopier;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Objects;

/**
 * How to run an ingest.
 *
 * @param archiveRoot the archive's root folder (must exist: Keepsake never creates it, so an
 *     unmounted disk cannot make it fill the system disk)
 * @param ledgerFile the ledger, or {@code null} for {@code <archive>/.keepsake/ledger.db}
 * @param opener how source files are opened (tests inject failures)
 * @param fileSystemSync how the archive's file system is synced for a group of small files (tests
 *     inject failures)
 * @param folderSync how one archive folder's names are made durable (tests inject failures)
 */
public record IngestOptions(
    Path archiveRoot, Path ledgerFile, LayoutTemplate layout, ZoneId zone, boolean dryRun, Clock clock,
    WriteOnceCopier.SourceOpener opener, int umask, GroupSync.FileSystemSync fileSystemSync,
    WriteOnceCopier.FolderSync folderSync) {

  public IngestOptions(Path archiveRoot, Path ledgerFile, LayoutTemplate layout, ZoneId zone, boolean dryRun, Clock clock,
      WriteOnceCopier.SourceOpener opener, int umask) {
    this(archiveRoot, ledgerFile, layout, zone, dryRun, clock, opener, umask, GroupSync.SYNCFS,
        WriteOnceCopier.FolderSync.DEFAULT);
  }

  public IngestOptions(Path archiveRoot, Path ledgerFile, LayoutTemplate layout, ZoneId zone, boolean dryRun, Clock clock,
      WriteOnceCopier.SourceOpener opener) {
    this(archiveRoot, ledgerFile, layout, zone, dryRun, clock, opener, ArchiveRoot.DEFAULT_UMASK);
  }

  public IngestOptions {
    Objects.requireNonNull(archiveRoot, "archiveRoot");
    Objects.requireNonNull(layout, "layout");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(opener, "opener");
    Objects.requireNonNull(fileSystemSync, "fileSystemSync");
    Objects.requireNonNull(folderSync, "folderSync");
  }

  public static IngestOptions defaults(Path archiveRoot, ZoneId zone) {
    return new IngestOptions(archiveRoot, null, LayoutTemplate.parse(LayoutTemplate.DEFAULT), zone, false,
        Clock.system(zone), WriteOnceCopier.SourceOpener.DEFAULT);
  }

  public IngestOptions withUmask(int newUmask) {
    return new IngestOptions(archiveRoot, ledgerFile, layout, zone, dryRun, clock, opener, newUmask, fileSystemSync, folderSync);
  }

  public Path stateDir() {
    return archiveRoot.resolve(ArchiveRoot.STATE_DIR);
  }

  public Path effectiveLedgerFile() {
    return ledgerFile != null ? ledgerFile : ArchiveRoot.defaultLedger(archiveRoot);
  }

  public IngestOptions withDryRun(boolean dry) {
    return new IngestOptions(archiveRoot, ledgerFile, layout, zone, dry, clock, opener, umask, fileSystemSync, folderSync);
  }

  public IngestOptions withLayout(LayoutTemplate newLayout) {
    return new IngestOptions(archiveRoot, ledgerFile, newLayout, zone, dryRun, clock, opener, umask, fileSystemSync, folderSync);
  }

  public IngestOptions withOpener(WriteOnceCopier.SourceOpener newOpener) {
    return new IngestOptions(archiveRoot, ledgerFile, layout, zone, dryRun, clock, newOpener, umask, fileSystemSync, folderSync);
  }

  public IngestOptions withFileSystemSync(GroupSync.FileSystemSync newSync) {
    return new IngestOptions(archiveRoot, ledgerFile, layout, zone, dryRun, clock, opener, umask, newSync, folderSync);
  }

  public IngestOptions withFolderSync(WriteOnceCopier.FolderSync newSync) {
    return new IngestOptions(archiveRoot, ledgerFile, layout, zone, dryRun, clock, opener, umask, fileSystemSync, newSync);
  }

  public IngestOptions withClock(Clock newClock) {
    return new IngestOptions(archiveRoot, ledgerFile, layout, zone, dryRun, newClock, opener, umask, fileSystemSync, folderSync);
  }
}
