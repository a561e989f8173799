package dev.keepsake.ingest;

import dev.keepsake.archive.ArchiveFullException;
import dev.keepsake.archive.ContentHash;
import dev.keepsake.archive.GroupSync;
import dev.keepsake.archive.LayoutTemplate;
import dev.keepsake.archive.Placement;
import dev.keepsake.archive.SourceChangedException;
import dev.keepsake.archive.StagedCopy;
import dev.keepsake.archive.WriteOnceCopier;
import dev.keepsake.failure.FailureKind;
import dev.keepsake.fs.LinkOnPathException;
import dev.keepsake.ledger.ArchivedContent;
import dev.keepsake.ledger.ContentNote;
import dev.keepsake.ledger.FileState;
import dev.keepsake.ledger.Ledger;
import dev.keepsake.ledger.SeenFile;
import dev.keepsake.media.CaptureDate;
import dev.keepsake.media.CaptureDateReader;
import dev.keepsake.media.MediaType;
import dev.keepsake.source.SourceFile;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Archives new or changed source files in two steps:
 *
 * <ol>
 *   <li>{@link #prepare} (any thread, many at once): date the file, place it by the layout, copy it
 *       verified to a temp file in its target folder. Touches no ledger state but the temp-dir journal.
 *   <li>{@link #complete} (one thread, in order): dedupe by content, give the copy its final name,
 *       queue its ledger row in the {@link PendingBatch}. {@link #flush} makes the batch's names
 *       durable (fsync of their folders) and only then writes their rows, so the ledger never names
 *       a file a crash could lose; the batch's outcomes are told after its rows
 *       ({@link #holdUntilFlushed}), so none says "archived" before the ledger does.
 * </ol>
 *
 * Per-file trouble becomes a {@link FileOutcome} naming the file and the fix; only a ledger failure
 * escapes (it stops the pass).
 */
final class Ingestor {
  private static final int CHANGE_RETRIES = 3;

  private final Path archiveRoot;
  private final LayoutTemplate layout;
  private final Ledger ledger;
  private final CaptureDateReader dates;
  /** Set for the length of one pass (an import's sidecars); passes run one at a time. */
  private volatile CaptureHints hints = CaptureHints.NONE;
  private final Supplier<WriteOnceCopier> copiers;
  private final GroupSync groupSync; // null: every copy and folder is fsynced on its own
  private final WriteOnceCopier.SourceOpener opener;
  private final Clock clock;
  private final boolean dryRun;
  private final dev.keepsake.ledger.DryRunBook dryRunBook; // null unless a dry run
  private final PendingBatch batch;

  /**
   * @param copiers gives the calling thread its copier (copiers reuse a buffer: one per thread)
   * @param groupSync makes small copies and many folders durable a group at a time; null: one fsync each
   * @param folderSync makes one folder's names durable (tests inject failures)
   */
  Ingestor(Path archiveRoot, LayoutTemplate layout, Ledger ledger, CaptureDateReader dates,
      Supplier<WriteOnceCopier> copiers, GroupSync groupSync, WriteOnceCopier.FolderSync folderSync,
      WriteOnceCopier.SourceOpener opener, Clock clock, boolean dryRun) {
    this.groupSync = groupSync;
    this.batch = new PendingBatch(ledger, copiers, groupSync, folderSync, clock);
    this.archiveRoot = archiveRoot;
    this.layout = layout;
    this.ledger = ledger;
    this.dates = dates;
    this.copiers = copiers;
    this.opener = opener;
    this.clock = clock;
    this.dryRun = dryRun;
    this.dryRunBook = dryRun ? new dev.keepsake.ledger.DryRunBook() : null;
  }

  /** Frees what a dry run kept aside (its scratch table). */
  void close() {
    if (dryRunBook != null) {
      dryRunBook.close();
    }
  }

  /** The parallel step. Never throws: trouble is a decided outcome. */
  Prepared prepare(Candidate candidate, dev.keepsake.ledger.KnownFile known, Follow follow) {
    SourceFile file = candidate.file();
    try {
      return attempt(candidate, known, follow);
    } catch (LinkOnPathException link) {
      return new Prepared.Decided(linkRefused(file, link));
    } catch (AccessDeniedException denied) {
      if (isInArchive(denied.getFile())) {
        return failed(file, FailureKind.ARCHIVE_UNWRITABLE, "cannot write " + denied.getFile()
            + ": permission denied; give the Keepsake user write access to the archive");
      }
      return new Prepared.Decided(FileOutcome.sourceReadFailed(file, denied));
    } catch (NoSuchFileException gone) {
      if (isInArchive(gone.getFile())) {
        return failed(file, FailureKind.ARCHIVE_UNWRITABLE, gone.getFile() + ": " + gone.getReason());
      }
      return new Prepared.Decided(FileOutcome.sourceReadFailed(file, gone));
    } catch (ArchiveFullException full) {
      return failed(file, FailureKind.DISK_FULL, full.getMessage());
    } catch (SourceChangedException changing) {
      return failed(file, FailureKind.SOURCE_CHANGING, file.path() + ": " + changing.getMessage());
    } catch (IOException e) {
      return failed(file, FailureKind.IO_ERROR, file.path() + ": " + e.getMessage());
    } catch (Throwable bug) { // one file's trouble, whatever it is, stays that file's
      return failed(file, FailureKind.INTERNAL_ERROR, file.path() + ": " + bug + " (please report this; the source is untouched)");
    }
  }

  /**
   * The durable step (any thread, many at once): fsync of the staged copy. A copy that cannot be made
   * durable is thrown away and its file fails; nothing half-durable ever gets a name.
   */
  Prepared durable(Prepared prepared) {
    if (!(prepared instanceof Prepared.ToFinish p) || p.staged() == null) {
      return prepared;
    }
    try {
      copiers.get().sync(p.staged());
      return p;
    } catch (ArchiveFullException full) {
      return failed(p.file(), FailureKind.DISK_FULL, full.getMessage());
    } catch (IOException e) {
      return failed(p.file(), FailureKind.IO_ERROR, p.file().path() + ": making the copy durable failed (" + e.getMessage()
          + "); check the archive disk");
    } catch (Throwable bug) {
      discardQuietly(p);
      return failed(p.file(), FailureKind.INTERNAL_ERROR, p.file().path() + ": " + bug + " (please report this; the source is untouched)");
    }
  }

  /**
   * {@link #durable}, for a small copy among others by the next group sync of the file system (many
   * small files then cost one flush of the disk, not one fsync each), else by its own fsync on
   * {@code syncers}; a group sync that fails falls back to the copy's own fsync, which names what went
   * wrong.
   *
   * @param few it is one of a few files (the service's new photos): their own fsyncs are cheaper
   *     than a sync of the whole disk, which also waits for other programs' writes there
   */
  CompletableFuture<Prepared> durableLater(Prepared prepared, Executor syncers, boolean few) {
    if (groupSync != null && !few && prepared instanceof Prepared.ToFinish p && p.staged() != null
        && p.staged().bytes() <= GROUP_SYNC_MAX_BYTES && p.staged().onRootFileSystem()) {
      return groupSync.request().thenApply(synced -> prepared).exceptionallyAsync(failed -> durable(prepared), syncers);
    }
    return CompletableFuture.supplyAsync(() -> durable(prepared), syncers);
  }

  /**
   * Copies up to this size are made durable by a group sync. Bigger ones take their own fsync, as
   * cheap per byte, and bounded by their own size where a file-system sync also waits for whatever
   * else is being written to that disk.
   */
  static final long GROUP_SYNC_MAX_BYTES = 1 << 20;

  /** What the next files' capture dates may also be read from, until set again. */
  void hints(CaptureHints newHints) {
    hints = newHints == null ? CaptureHints.NONE : newHints;
  }

  /** A link on the way into the archive, or on the way to the source file: refused and named. */
  FileOutcome linkRefused(SourceFile file, LinkOnPathException link) {
    if (link.link().toAbsolutePath().normalize().startsWith(archiveRoot)) {
      return FileOutcome.failed(file, FailureKind.ARCHIVE_LINK, "cannot archive " + file.path() + ": " + link.getMessage()
          + "; remove the link from the archive (nothing was written outside it)");
    }
    return FileOutcome.failed(file, FailureKind.LINK_ON_PATH, file.path() + " is reached through a link: " + link.getMessage()
        + "; remove the link, or add the folder it points to as a source of its own");
  }

  private static Prepared failed(SourceFile file, FailureKind kind, String message) {
    return new Prepared.Decided(FileOutcome.failed(file, kind, message));
  }

  private Prepared attempt(Candidate candidate, dev.keepsake.ledger.KnownFile known, Follow follow) throws IOException {
    SourceFile file = candidate.file();
    MediaType type = candidate.inspection().type();
    if (file.size() == 0) { // before the type: an empty file is not "not a photo", it has no content yet
      return new Prepared.Decided(FileOutcome.skipped(file, "empty file (looked at again when it has content)"));
    }
    if (type == MediaType.OTHER && !file.source().includeOther()) {
      return new Prepared.Decided(FileOutcome.skipped(file, "not a photo or video (" + candidate.inspection().format() + ")"), true);
    }
    CaptureDate date = follow != null && follow.date() != null
        ? follow.date()
        : dates.date(candidate.inspection(), file.fileName(), file.mtime(), hints.takenAt(file));
    String beaten = follow != null && follow.date() != null ? "(dated as the file it follows)"
        : dates.beaten(candidate.inspection(), file.fileName(), file.mtime(), hints.takenAt(file), date);
    LayoutTemplate.Values values = new LayoutTemplate.Values(date.local(), file.fileName(), file.source().name(), type.label(), null);
    String fileName = follow != null ? follow.fileName() : null;

    ContentHash preHash = null;
    if ((known != null && known.hash() != null) || layout.directoryNeedsHash() || dryRun) {
      preHash = hashOf(file);
      values = values.withHash8(preHash.hash8());
      if (preHash.equals(known == null ? null : known.hash()) || dryRun) {
        String directory = follow != null ? follow.directory() : layout.directory(values);
        return new Prepared.ToFinish(file, known, type, date, preHash, null, directory, values, fileName, beaten);
      }
    }
    String directory = follow != null ? follow.directory() : layout.directory(values);
    WriteOnceCopier copier = copiers.get();
    StagedCopy staged = null;
    for (int attempt = 1; staged == null; attempt++) {
      try {
        staged = copier.stage(file.confined(), file.size(), file.mtime(), file.fileKey(), archiveRoot.resolve(directory));
      } catch (SourceChangedException changing) {
        if (attempt >= CHANGE_RETRIES) {
          throw changing;
        }
        file = restat(file);
      }
    }
    return new Prepared.ToFinish(file, known, type, date, preHash, staged, directory, values, fileName, beaten);
  }

  /** The serial step, in the order files were found. May throw {@link dev.keepsake.ledger.LedgerException}. */
  FileOutcome complete(Prepared prepared) {
    if (prepared instanceof Prepared.Decided decided) {
      if (decided.notMedia() && !dryRun) {
        ledger.files().recordSourceFile(seen(decided.file()), null, FileState.SKIPPED);
      }
      return decided.outcome();
    }
    Prepared.ToFinish p = (Prepared.ToFinish) prepared;
    SourceFile file = p.file();
    ContentHash hash = p.hash();
    try {
      if (p.known() != null && hash.equals(p.known().hash())) {
        discard(p);
        if (!dryRun) {
          ledger.files().recordSourceFile(seen(file), hash, p.known().state()); // touched, not changed: new stat only
        }
        return FileOutcome.unchanged(file, archivedContent(hash).map(ArchivedContent::archivePath).orElse(null));
      }
      Optional<ArchivedContent> existing = archivedContent(hash);
      if (existing.isPresent() && !batch.holds(hash)) {
        Optional<java.time.Instant> forgotten = ledger.files().forgottenAt(hash);
        if (forgotten.isPresent()) { // the owner removed it on purpose: never archived again, from any path
          discard(p);
          if (!dryRun) {
            ledger.files().recordSourceFile(seen(file), hash, FileState.DUPLICATE);
          }
          return FileOutcome.skipped(file, "its content was removed from the archive on purpose (keepsake forget "
              + existing.get().archivePath() + "); not archived again");
        }
      }
      if (existing.isPresent()) {
        discard(p);
        if (batch.holds(hash)) { // its content waits for this batch's flush, and so does its row
          batch.duplicate(seen(file), hash);
        } else if (!dryRun) {
          ledger.files().recordSourceFile(seen(file), hash, FileState.DUPLICATE);
        }
        return FileOutcome.duplicate(file, existing.get().archivePath(), existing.get().date());
      }
      String name = p.fileName() != null ? p.fileName() : layout.fileName(p.values().withHash8(hash.hash8()));
      if (dryRun) {
        Optional<String> earlier = dryRunBook.archivePath(hash); // the same content earlier in this dry run
        if (earlier.isPresent()) {
          return FileOutcome.duplicate(file, earlier.get(), p.date());
        }
        String predicted = copiers.get().predictName(p.directory(), name, hash,
            dryRunBook::isTaken); // as place() decides: by what is on disk, and what this run put there first
        String path = p.directory().isEmpty() ? predicted : p.directory() + "/" + predicted;
        dryRunBook.wouldArchive(hash, path);
        return FileOutcome.archived(file, path, file.size(), p.date());
      }
      Placement placement = copiers.get().place(p.staged(), name);
      String archivePath = relativeToArchive(placement.path());
      ArchivedContent content = new ArchivedContent(hash, archivePath, p.staged().bytes(), p.type(), p.date(),
          file.source().name(), file.relative(), clock.instant());
      ContentNote note = new ContentNote(hash, p.beatenDates(),
          file.rescuedFrom() == null ? null : file.source().root().relativize(file.rescuedFrom()).toString());
      batch.placed(content, seen(file), placement.path().getParent(), p.staged().onRootFileSystem(), note);
      return FileOutcome.archived(file, archivePath, placement.adopted() ? 0 : p.staged().bytes(), p.date());
    } catch (LinkOnPathException link) {
      discardQuietly(p);
      return linkRefused(file, link);
    } catch (IOException e) {
      discardQuietly(p);
      return FileOutcome.failed(file, FailureKind.IO_ERROR, file.path() + ": " + e.getMessage());
    }
  }

  /** Whether {@code files} names wait for their rows, or the oldest has waited {@code within}. */
  boolean flushDue(int files, java.time.Duration within) {
    return batch.due(files, within);
  }

  /** See {@link PendingBatch#hold}. */
  boolean holdUntilFlushed(FileOutcome outcome) {
    return batch.hold(outcome);
  }

  /** See {@link PendingBatch#flush}: the outcomes held back, as they now stand. */
  List<FileOutcome> flush(Executor syncers) {
    return batch.flush(syncers);
  }

  private Optional<ArchivedContent> archivedContent(ContentHash hash) {
    ArchivedContent pending = batch.content(hash);
    return pending != null ? Optional.of(pending) : ledger.files().content(hash);
  }

  private void discard(Prepared prepared) throws IOException {
    if (prepared instanceof Prepared.ToFinish p && p.staged() != null) {
      copiers.get().discard(p.staged());
    }
  }

  private void discardQuietly(Prepared p) {
    try {
      discard(p);
    } catch (IOException ignored) {
      // the temp name is cleaned up on the next start
    }
  }

  /** The ledger's record of how a file was seen. */
  static SeenFile seen(SourceFile file) {
    return new SeenFile(file.source().name(), file.relative(), file.size(), file.mtime(), file.fileKey());
  }

  private ContentHash hashOf(SourceFile file) throws IOException {
    try (FileChannel in = opener.open(file.confined())) {
      return ContentHash.of(in);
    }
  }

  private static SourceFile restat(SourceFile file) throws IOException {
    return SourceFile.of(file.source(), file.relative(), file.confined().stat(), file.rescuedFrom());
  }

  private boolean isInArchive(String path) {
    return path != null && Path.of(path).toAbsolutePath().startsWith(archiveRoot);
  }

  private String relativeToArchive(Path path) {
    Path rel = archiveRoot.relativize(path);
    return rel.toString().replace(rel.getFileSystem().getSeparator(), "/");
  }
}
