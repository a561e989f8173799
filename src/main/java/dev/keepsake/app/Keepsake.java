package dev.keepsake.app;

import dev.keepsake.archive.ArchiveLock;
import dev.keepsake.archive.ArchiveRoot;
import dev.keepsake.archive.Permissions;
import dev.keepsake.archive.TempLeftovers;
import dev.keepsake.archive.WriteOnceCopier;
import dev.keepsake.config.IngestSettings;
import dev.keepsake.fs.ConfinedRoot;
import dev.keepsake.fs.LinkOnPathException;
import dev.keepsake.ingest.ArchiveUnavailableException;
import dev.keepsake.ingest.Archiver;
import dev.keepsake.ingest.IngestListener;
import dev.keepsake.ingest.IngestOptions;
import dev.keepsake.ingest.IngestSummary;
import dev.keepsake.ingest.LedgerRebuild;
import dev.keepsake.ingest.RetryPolicy;
import dev.keepsake.ledger.Ledger;
import dev.keepsake.ledger.LedgerException;
import dev.keepsake.source.Source;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: an open archive. {@link #open} checks the archive root, takes its lock (one
 * writer per archive), opens the ledger once and removes the temp files a crash left; whatever
 * works on the archive — an ingest pass, the service, the notifier, the Syncthing cursor, the
 * verify job, the HTTP server — is handed the ledger from here, and nothing else opens it.
 * {@link #close} closes the ledger, then releases the lock.
 *
 * <p>A dry run takes no lock and writes nothing: it reads the ledger when there is one (an empty
 * one in memory otherwise).
 */
public final class Keepsake implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Keepsake.class);

  private final IngestOptions options;
  private final ArchiveLock lock;
  private final Ledger ledger;
  private boolean closed;

  private Keepsake(IngestOptions options, ArchiveLock lock, Ledger ledger) {
    this.options = options;
    this.lock = lock;
    this.ledger = ledger;
  }

  /**
   * @throws ArchiveUnavailableException when the archive root is missing, not a folder, not
   *     writable, locked by another Keepsake, or its ledger is reached through a link
   */
  public static Keepsake open(IngestOptions options) throws ArchiveUnavailableException {
    Path root = options.archiveRoot();
    checkArchiveRoot(root, options.dryRun());
    ArchiveLock lock = null;
    Ledger ledger = null;
    boolean opened = false;
    try {
      if (options.dryRun()) {
        Path file = options.effectiveLedgerFile();
        ledger = Files.exists(file) ? Ledger.openReadOnly(file, options.clock()) : Ledger.inMemory(options.clock());
      } else {
        lock = ArchiveLock.acquire(root);
        checkLedgerPath(root, options.effectiveLedgerFile());
        ledger = Ledger.open(options.effectiveLedgerFile(), options.clock());
        List<Path> tempDirs = ledger.temps().tempDirs();
        int removed = TempLeftovers.clean(root, tempDirs);
        if (removed > 0) {
          log.info("removed {} temp file(s) left by an interrupted run", removed);
        }
        ledger.temps().forgetTempDirs(tempDirs);
      }
      opened = true;
      return new Keepsake(options, lock, ledger);
    } catch (LinkOnPathException e) {
      throw new ArchiveUnavailableException("archive " + root + ": " + e.getMessage()
          + ": remove the link; Keepsake keeps its state in a real folder of the archive, so nothing was written through it", e);
    } catch (IOException e) {
      throw new ArchiveUnavailableException("archive " + root + ": " + e.getMessage(), e);
    } finally {
      if (!opened) {
        closeQuietly(ledger, lock); // whatever failed, even an Error, the lock is not left held
      }
    }
  }

  /**
   * The one seam from the configuration to an ingest's options: archive, ledger, layout, zone and
   * umask as configured; sources read by their real opener; time from {@code clock}.
   */
  public static IngestOptions options(IngestSettings settings, Clock clock, boolean dryRun) {
    return new IngestOptions(settings.archiveRoot(), settings.ledgerFile(), settings.layout(), settings.zone(), dryRun,
        clock, WriteOnceCopier.SourceOpener.DEFAULT, settings.umask());
  }

  /** A one-shot ingest ({@code keepsake ingest}): open the archive, one full pass, close. */
  public static IngestSummary ingestOnce(IngestOptions options, List<Source> sources, IngestListener listener)
      throws ArchiveUnavailableException {
    return ingestOnce(options, sources, listener, Map.of());
  }

  /** @param folderPaths Syncthing folder id → the path it was found at, kept for runs without Syncthing */
  public static IngestSummary ingestOnce(IngestOptions options, List<Source> sources, IngestListener listener,
      Map<String, Path> folderPaths) throws ArchiveUnavailableException {
    try (Keepsake keepsake = open(options);
        Archiver archiver = keepsake.archiver(listener, source -> Duration.ZERO, RetryPolicy.defaults())) {
      folderPaths.forEach(keepsake.ledger().syncthing()::saveFolderPath);
      return archiver.reconcile(sources);
    }
  }

  /**
   * The ledger at {@code ledgerFile} for a command that works beside a running service and takes
   * no lock ({@code verify}, {@code report}, the path an earlier run kept for a Syncthing folder):
   * SQLite's own locking keeps the two apart. The caller closes it.
   *
   * @throws LedgerException naming the file and the fix when it is missing, damaged or newer
   */
  public static Ledger shared(Path ledgerFile, Clock clock) {
    if (!Files.isRegularFile(ledgerFile)) {
      throw new LedgerException("no ledger at " + ledgerFile, null);
    }
    return Ledger.open(ledgerFile, clock);
  }

  /**
   * {@code keepsake rebuild-ledger}: a new ledger at {@code ledgerFile} made from the archive's own
   * files (hash and capture date), under the archive's lock; an existing ledger is never replaced.
   *
   * @param skipped told each file that could not be read
   * @param passedOver told each file that is not media (left in the archive, not recorded)
   * @return the number of content rows written
   * @throws ArchiveUnavailableException when the archive is locked, the ledger exists already or
   *     is reached through a link
   */
  public static int rebuildLedger(Path root, Path ledgerFile, ZoneId zone, Clock clock, List<String> skipped,
      java.util.function.Consumer<String> passedOver) throws ArchiveUnavailableException, IOException {
    try (ArchiveLock lock = ArchiveLock.acquire(root)) {
      if (Files.exists(ledgerFile, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        throw new ArchiveUnavailableException("a ledger exists at " + ledgerFile
            + "; move it aside first (rebuild-ledger never overwrites one)", null);
      }
      checkLedgerPath(root, ledgerFile);
      try (Ledger ledger = Ledger.open(ledgerFile, clock)) {
        return LedgerRebuild.rebuild(root, ledger, zone, clock, skipped, passedOver);
      }
    } catch (LinkOnPathException e) {
      throw new ArchiveUnavailableException("archive " + root + ": " + e.getMessage()
          + ": remove the link; nothing was written through it", e);
    }
  }

  /** The archive's ledger, open until {@link #close}. */
  public Ledger ledger() {
    return ledger;
  }

  public IngestOptions options() {
    return options;
  }

  /**
   * The archiver over this archive (copy workers started; close it before this).
   *
   * @param settle per source: files changed more recently than this are not copied yet
   * @param retry when a file that failed is due again
   */
  public Archiver archiver(IngestListener listener, Function<Source, Duration> settle, RetryPolicy retry) {
    return Archiver.start(options, ledger, listener, settle, retry);
  }

  /** Closes the ledger, then releases the lock; once (a second call does nothing). */
  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      closeQuietly(ledger, lock);
    }
  }

  private static void closeQuietly(Ledger ledger, ArchiveLock lock) {
    if (ledger != null) {
      try {
        ledger.close();
      } catch (RuntimeException e) {
        log.warn("closing the ledger: {}", e.getMessage());
      }
    }
    if (lock != null) {
      try {
        lock.close();
      } catch (IOException e) {
        log.warn("releasing the archive lock: {}", e.getMessage());
      }
    }
  }

  /**
   * A ledger inside the archive (the default {@code .keepsake/ledger.db}) must be reached without a
   * link: SQLite opens it by path, and a planted link would carry its writes outside the archive.
   */
  static void checkLedgerPath(Path root, Path ledgerFile) throws IOException {
    Path normal = ledgerFile.toAbsolutePath().normalize();
    Path archive = root.toAbsolutePath().normalize();
    if (!normal.startsWith(archive)) {
      return; // the owner's choice of place (ledger: in the config)
    }
    String relativeDir = archive.relativize(normal.getParent()).toString();
    String name = normal.getFileName().toString();
    try (var folder = new ConfinedRoot(archive).folderCreating(relativeDir, Permissions.of(0750), made -> { })) {
      for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
        var there = folder.statIfExists(name + suffix);
        if (there.isPresent() && there.get().isSymbolicLink()) {
          throw new LinkOnPathException(normal.resolveSibling(name + suffix), "where the ledger should be");
        }
      }
    }
  }

  private static void checkArchiveRoot(Path root, boolean readOnly) throws ArchiveUnavailableException {
    String problem = ArchiveRoot.problem(root, readOnly);
    if (problem != null) {
      throw new ArchiveUnavailableException(problem, null);
    }
  }
}
