package dev.keepsake.app;

import dev.keepsake.config.ConfigException;
import dev.keepsake.config.IngestSettings;
import dev.keepsake.ledger.Ledger;
import dev.keepsake.source.Source;
import dev.keepsake.syncthing.FolderInfo;
import dev.keepsake.syncthing.SyncthingClient;
import dev.keepsake.syncthing.SyncthingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the service's picture of Syncthing's folders true while Syncthing comes and goes: which
 * folder id is which source (for the event follower), and where the {@code syncthing-folder}
 * sources are. A source whose path was unknown at start joins as soon as Syncthing says where it is;
 * every path Syncthing gives is kept in the ledger for the next start without Syncthing. Run by the
 * service's timer; one thread.
 */
final class FolderLookout {
  private static final Logger log = LoggerFactory.getLogger(FolderLookout.class);

  private final SyncthingClient syncthing;
  private final Supplier<Ledger> ledger;
  private final Map<String, String> folderToSource;
  private final Map<String, String> folderIds;
  private final List<IngestSettings.PendingSource> pending;
  private final Supplier<List<Source>> sources;
  private final Path archiveRoot;
  private final Path ledgerFile;
  private final Consumer<Source> joined;
  private final Set<String> complained = new HashSet<>();
  private boolean pathsMatched;

  /**
   * @param folderToSource folder id → source name, shared with the follower (a concurrent map)
   * @param folderIds source name → folder id of the {@code syncthing-folder} sources
   * @param ledger the archive's ledger, once it is open (paths Syncthing gives are kept there)
   * @param joined told each source whose path became known (start its watcher)
   */
  FolderLookout(SyncthingClient syncthing, Supplier<Ledger> ledger, Map<String, String> folderToSource, Map<String, String> folderIds,
      List<IngestSettings.PendingSource> pending, Supplier<List<Source>> sources, Path archiveRoot, Path ledgerFile,
      Consumer<Source> joined) {
    this.syncthing = syncthing;
    this.ledger = ledger;
    this.folderToSource = folderToSource;
    this.folderIds = folderIds;
    this.pending = new ArrayList<>(pending);
    this.sources = sources;
    this.archiveRoot = archiveRoot;
    this.ledgerFile = ledgerFile;
    this.joined = joined;
    folderIds.forEach((source, id) -> folderToSource.put(id, source)); // follow their events even before the path is known
  }

  /** Whether sources still wait for Syncthing to say where they are. */
  boolean waiting() {
    return !pending.isEmpty();
  }

  /**
   * Before the archive opens: which folder is which {@code path:} source, so the first reconcile
   * already treats Syncthing's folders as complete files (no settle time).
   */
  void matchBeforeStart() {
    try {
      matchPaths(syncthing.folders());
    } catch (SyncthingException notNow) {
      // matched on a later look
    }
  }

  /** One look: a no-op once everything is placed, until {@link #waiting} again. */
  void look() {
    if (pending.isEmpty() && pathsMatched) {
      return;
    }
    List<FolderInfo> folders;
    try {
      folders = syncthing.folders();
    } catch (SyncthingException notNow) {
      return; // the follower reports Syncthing's health; try again on the next tick
    }
    matchPaths(folders);
    for (IngestSettings.PendingSource p : List.copyOf(pending)) {
      FolderInfo folder = folders.stream().filter(f -> f.id().equals(p.folderId())).findFirst().orElse(null);
      if (folder == null) {
        if (complained.add(p.folderId())) {
          log.warn("source {}: Syncthing has no folder {} (its folders: {}); check sources.{}.syncthing-folder", p.name(),
              p.folderId(), folders.stream().map(FolderInfo::id).toList(), p.name());
        }
        continue;
      }
      try {
        Path root = folder.path().toRealPath();
        if (!Files.isDirectory(root)) {
          throw new IOException("not a folder");
        }
        Source source = p.at(root);
        List<Source> all = new ArrayList<>(sources.get());
        all.add(source);
        IngestSettings.checkOverlaps(archiveRoot, "archive.root", ledgerFile, all, n -> "sources." + n);
        ledger.get().syncthing().saveFolderPath(p.folderId(), root);
        pending.remove(p);
        log.info("source {}: Syncthing folder {} is at {}; archiving from it", p.name(), p.folderId(), root);
        joined.accept(source);
      } catch (IOException e) {
        if (complained.add(p.folderId() + " path")) {
          log.warn("source {}: Syncthing folder {} is at {}, which cannot be read here ({})", p.name(), p.folderId(),
              folder.path(), e.getMessage());
        }
      } catch (ConfigException overlap) {
        if (complained.add(p.folderId() + " overlap")) {
          log.warn("source {} not started: {}", p.name(), overlap.getMessage());
        }
      }
    }
  }

  /** Folder ids of {@code path:} sources, by path; and fresh paths of the placed {@code syncthing-folder} ones. */
  private void matchPaths(List<FolderInfo> folders) {
    for (FolderInfo folder : folders) {
      Source source = FolderMatch.sourceOf(folder, sources.get(), folderIds).orElse(null);
      if (source == null) {
        continue;
      }
      Path real = FolderMatch.realPath(folder.path());
      if (folderIds.containsKey(source.name())) {
        if (!real.equals(source.root()) && ledger.get() != null) {
          ledger.get().syncthing().saveFolderPath(folder.id(), real);
          log.warn("Syncthing folder {} moved from {} to {}: restart Keepsake to archive from the new place", folder.id(),
              source.root(), real);
        }
      } else if (folderToSource.putIfAbsent(folder.id(), source.name()) == null && !folder.keepsDeletedFiles()) {
        log.warn("Syncthing folder {} ({}) has neither versioning nor ignoreDelete: a photo deleted on the phone"
            + " seconds after it was taken may vanish before Keepsake copies it; turn on trashcan versioning"
            + " for this folder on the NAS", folder.id(), folder.path());
      }
    }
    pathsMatched = true;
  }

}
