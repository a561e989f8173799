package dev.keepsake.ingest;

import dev.keepsake.archive.ContentHash;
import dev.keepsake.archive.GroupSync;
import dev.keepsake.archive.WriteOnceCopier;
import dev.keepsake.failure.FailureKind;
import dev.keepsake.ledger.ArchivedContent;
import dev.keepsake.ledger.ContentNote;
import dev.keepsake.ledger.FileStore;
import dev.keepsake.ledger.Ledger;
import dev.keepsake.ledger.SeenFile;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files placed since the last flush, not yet recorded: their ledger rows, their folders, and the
 * outcomes told after them. {@link #flush} makes the folders durable and only then writes the rows,
 * so the ledger never names a file a crash could lose, and no outcome says "archived" before the
 * ledger does. A file whose folder could not be made durable is left unrecorded and its outcome
 * becomes a failure naming the folder; the next pass finds its copy and records it.
 *
 * <p>Used by the one thread that completes files, in order.
 */
final class PendingBatch {
  private static final Logger log = LoggerFactory.getLogger(PendingBatch.class);

  private final Ledger ledger;
  private final Supplier<WriteOnceCopier> copiers;
  private final GroupSync groupSync; // null: each folder is fsynced on its own
  private final WriteOnceCopier.FolderSync folderSync;
  private final Clock clock;
  private final List<ArchivedContent> contents = new ArrayList<>();
  private final List<SeenFile> files = new ArrayList<>(); // the source file of each content, same index
  private final List<Path> folders = new ArrayList<>(); // the folder each content was named in, same index
  private final Map<ContentHash, ArchivedContent> byHash = new HashMap<>();
  private final Set<Path> dirs = new LinkedHashSet<>();
  private boolean dirsOnRoot = true; // every folder of the batch on the archive root's file system
  private final List<ContentNote> notes = new ArrayList<>();
  /** Files found to hold content placed in this batch: recorded as duplicates only once that content is. */
  private final List<FileStore.Duplicate> duplicates = new ArrayList<>();
  private final List<FileOutcome> held = new ArrayList<>();
  private Instant since; // when the oldest unrecorded name was given

  PendingBatch(Ledger ledger, Supplier<WriteOnceCopier> copiers, GroupSync groupSync,
      WriteOnceCopier.FolderSync folderSync, Clock clock) {
    this.ledger = ledger;
    this.copiers = copiers;
    this.groupSync = groupSync;
    this.folderSync = folderSync;
    this.clock = clock;
  }

  /** A copy given its name in {@code dir}: its rows wait for the flush. */
  void placed(ArchivedContent content, SeenFile file, Path dir, boolean onRootFileSystem, ContentNote note) {
    if (contents.isEmpty()) {
      since = clock.instant();
    }
    contents.add(content);
    files.add(file);
    folders.add(dir);
    byHash.put(content.hash(), content);
    dirs.add(dir);
    dirsOnRoot &= onRootFileSystem;
    if (!note.isEmpty()) {
      notes.add(note);
    }
  }

  /** Whether content {@code hash} was placed in this batch (not yet recorded). */
  boolean holds(ContentHash hash) {
    return byHash.containsKey(hash);
  }

  /** The content placed in this batch with {@code hash}, or null. */
  ArchivedContent content(ContentHash hash) {
    return byHash.get(hash);
  }

  /** A file holding content placed in this batch: recorded as a duplicate once that content is. */
  void duplicate(SeenFile file, ContentHash hash) {
    duplicates.add(new FileStore.Duplicate(file, hash));
  }

  /** Whether {@code files} names wait for their rows, or the oldest has waited {@code within}. */
  boolean due(int files, Duration within) {
    return !contents.isEmpty()
        && (contents.size() >= files || !clock.instant().isBefore(since.plus(within)));
  }

  /**
   * Holds {@code outcome} back when this batch has rows not yet written: then {@link #flush} tells it,
   * in order, once the ledger proves it (or it could not). False: tell it now.
   */
  boolean hold(FileOutcome outcome) {
    if (contents.isEmpty()) {
      return false;
    }
    held.add(outcome);
    return true;
  }

  /**
   * Makes the names placed since the last flush durable — one group sync when their folders are many,
   * else an fsync of each folder issued together on {@code syncers} — and only then records them in
   * the ledger. A file whose folder could not be made durable is not recorded: its outcome becomes a
   * failure naming the folder, and the next pass finds its copy and records it (a row never names a
   * file a crash could lose).
   *
   * @return the outcomes held back since the last flush, in order, as they now stand
   */
  List<FileOutcome> flush(Executor syncers) {
    if (contents.isEmpty()) {
      return List.of();
    }
    List<FileOutcome> outcomes;
    try {
      Map<Path, IOException> unsynced = syncedTogether() ? Map.of() : fsyncEachFolder(syncers);
      Map<String, IOException> unrecorded = new HashMap<>(); // source:path of a file left unrecorded, and why
      List<ArchivedContent> recordContents = contents;
      List<SeenFile> recordFiles = files;
      List<ContentNote> recordNotes = notes;
      List<FileStore.Duplicate> recordDuplicates = duplicates;
      if (!unsynced.isEmpty()) {
        recordContents = new ArrayList<>();
        recordFiles = new ArrayList<>();
        Map<ContentHash, IOException> notKept = new HashMap<>();
        for (int i = 0; i < contents.size(); i++) {
          IOException why = unsynced.get(folders.get(i));
          if (why != null) {
            unrecorded.put(files.get(i).toString(), why);
            notKept.put(contents.get(i).hash(), why);
          } else {
            recordContents.add(contents.get(i));
            recordFiles.add(files.get(i));
          }
        }
        recordNotes = notes.stream().filter(n -> !notKept.containsKey(n.hash())).toList();
        recordDuplicates = new ArrayList<>();
        for (FileStore.Duplicate duplicate : duplicates) {
          IOException why = notKept.get(duplicate.hash());
          if (why != null) {
            unrecorded.put(duplicate.file().toString(), why);
          } else {
            recordDuplicates.add(duplicate);
          }
        }
      }
      outcomes = new ArrayList<>(held.size());
      for (FileOutcome outcome : held) {
        IOException why = unrecorded.get(Ingestor.seen(outcome.file()).toString());
        outcomes.add(why == null ? outcome : notDurable(outcome, why));
      }
      ledger.files().recordArchived(recordContents, recordFiles, recordNotes, recordDuplicates);
    } finally { // written or not, the batch is done: a failed write stops the pass, and the next one finds the copies
      clear();
    }
    return outcomes;
  }

  private void clear() {
    notes.clear();
    contents.clear();
    files.clear();
    folders.clear();
    byHash.clear();
    dirs.clear();
    duplicates.clear();
    held.clear();
    dirsOnRoot = true;
  }

  /** A placed file (or a duplicate of one) whose folder did not become durable: a failure, said as such. */
  private static FileOutcome notDurable(FileOutcome outcome, IOException why) {
    String what = outcome.kind() == FileOutcome.Kind.DUPLICATE
        ? "same content as " + outcome.archivePath() + ", whose folder"
        : "copied to " + outcome.archivePath() + ", but its folder";
    return FileOutcome.failed(outcome.file(), FailureKind.IO_ERROR, outcome.file().path() + ": " + what
        + " could not be made durable (" + why.getMessage() + "); check the archive"
        + " disk. Not recorded yet: the next pass finds the copy and records it once the folder syncs");
  }

  /**
   * An fsync of each folder of the batch, issued together on {@code syncers} when there are several.
   *
   * @return the folders that could not be made durable, with why
   */
  private Map<Path, IOException> fsyncEachFolder(Executor syncers) {
    Map<Path, IOException> failed = new ConcurrentHashMap<>();
    if (syncers == null || dirs.size() == 1) {
      dirs.forEach(dir -> fsyncFolder(dir, failed));
    } else {
      CompletableFuture.allOf(dirs.stream()
          .map(dir -> CompletableFuture.runAsync(() -> fsyncFolder(dir, failed), syncers))
          .toArray(CompletableFuture[]::new)).join();
    }
    return failed;
  }

  private void fsyncFolder(Path dir, Map<Path, IOException> failed) {
    try {
      folderSync.fsync(copiers.get(), dir);
    } catch (IOException e) {
      log.warn("fsync of archive folder {} failed: {}; its new files are not recorded until it syncs; check the archive disk",
          dir, e.toString());
      failed.put(dir, e);
    } catch (RuntimeException | Error bug) { // not proven durable: treated as a failed sync
      log.warn("fsync of archive folder {} failed: {}", dir, bug.toString());
      failed.put(dir, new IOException(bug.toString(), bug));
    }
  }

  /** Up to this many folders in a batch take an fsync each (a few are cheaper than a sync of the whole disk). */
  private static final int FOLDERS_SYNCED_ONE_BY_ONE = 4;

  /**
   * One group sync for the folders of a flush, when they are many and all on the archive root's file
   * system; false when not, or when it failed (then each folder is fsynced).
   */
  private boolean syncedTogether() {
    if (groupSync == null || dirs.size() <= FOLDERS_SYNCED_ONE_BY_ONE || !dirsOnRoot) {
      return false;
    }
    try {
      groupSync.request().join();
      return true;
    } catch (java.util.concurrent.CompletionException failed) {
      return false;
    }
  }
}
