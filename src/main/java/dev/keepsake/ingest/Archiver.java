package dev.keepsake.ingest;

import dev.keepsake.archive.GroupSync;
import dev.keepsake.archive.WriteOnceCopier;
import dev.keepsake.failure.FailureKind;
import dev.keepsake.fs.LinkOnPathException;
import dev.keepsake.ledger.KnownFile;
import dev.keepsake.ledger.Ledger;
import dev.keepsake.ledger.LedgerException;
import dev.keepsake.media.CaptureDateReader;
import dev.keepsake.media.Inspection;
import dev.keepsake.media.MediaInspector;
import dev.keepsake.source.SortedWalk;
import dev.keepsake.source.Source;
import dev.keepsake.source.SourceFile;
import dev.keepsake.source.WalkAhead;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Ingest over an open archive (its lock and ledger held by {@code app.Keepsake}), with the copy and
 * sync workers its passes run on; {@link #close} stops the workers only. A pass over whole sources
 * ({@link #reconcile}): walk each, skip what the ledger knows unchanged (stat only, no
 * hashing), inspect the rest, archive photos before the videos and sidecars that follow them, and
 * note which known paths are gone from the source (the archive keeps them). Copies run on worker
 * threads, several at once (their fsyncs overlap); names and ledger rows are given on this thread,
 * in the order the files were found. Used for one pass by {@code keepsake ingest} and for months by
 * the service; passes must come from one thread at a time.
 */
public final class Archiver implements AutoCloseable {
  private final Ingestor ingestor;
  private final Ledger ledger;
  private final MediaInspector inspector;
  private final IngestListener listener;
  private final WorkerPools pools;
  private final ExecutorService workers;
  private final ExecutorService syncers;
  private final int lookahead;
  private final Clock clock;
  private final Function<Source, Duration> settle;
  private final RetryBook retries; // null for a dry run: it writes nothing
  private final Path archiveRoot;
  private final GroupSync groupSync; // null for a dry run
  /** False during an import's pass over staged copies: see {@link #ingestPaths(Source, Collection, CaptureHints, boolean)}. */
  private volatile boolean statTrusted = true;
  /**
   * Files placed between two flushes (folder fsyncs, then one ledger transaction). Many: a burst of
   * photos spread over the months touches many folders, and each folder costs one fsync per flush.
   * The batch spans the chunks of a walk (a source folder's photos spread over many months: flushed
   * per chunk, that was one folder fsync per file).
   */
  private static final int FLUSH_EVERY = 8192;
  /** And at most this long between a file's name and its ledger row, so the page and `why` catch up. */
  private static final Duration FLUSH_WITHIN = Duration.ofSeconds(2);
  /**
   * Files in flight at once (copied, waiting for their sync or their name): many, so that one group
   * sync covers hundreds of small files; a few hundred bytes of memory each.
   */
  private static final int LOOKAHEAD_FILES = 1024;
  /** And bytes in flight at once: staged copies take room on the archive disk until they are placed. */
  private static final long LOOKAHEAD_BYTES = 256L << 20;
  /**
   * Fewer files than this in a phase (the service's pass over a few new photos) take their own
   * fsyncs: a sync of the whole disk also waits for Syncthing's writes there (NAS rename to archived,
   * p50 over 200 photos one every 50 ms: 14 ms with fsyncs, 40 ms with group syncs).
   */
  static final int GROUP_SYNC_MIN_FILES = 16;

  /**
   * @param pools runs the parallel part of each file's ingest (copy, hash) and makes the staged
   *     copies durable (fsync), many at once
   * @param lookahead how many files may be in flight at once (bounds temp files and memory)
   */
  private Archiver(Ingestor ingestor, Ledger ledger, MediaInspector inspector, IngestListener listener,
      WorkerPools pools, int lookahead, Clock clock, Function<Source, Duration> settle,
      RetryBook retries, Path archiveRoot, GroupSync groupSync) {
    this.archiveRoot = archiveRoot;
    this.groupSync = groupSync;
    this.pools = pools;
    this.syncers = pools.syncers;
    this.retries = retries;
    this.clock = clock;
    this.settle = settle;
    this.ingestor = ingestor;
    this.ledger = ledger;
    this.inspector = inspector;
    this.listener = listener;
    this.workers = pools.copiers;
    this.lookahead = lookahead;
  }

  /**
   * Starts the copy workers over an archive whose lock is held and whose {@code ledger} is open
   * (by {@code app.Keepsake}, which also closes them after this).
   *
   * @param settle per source: files changed more recently than this are not copied yet
   *     ({@link IngestListener#waiting}); zero where a writer renames complete files into place
   * @param retry when a file that failed is due again (recorded in the ledger's retry schedule)
   */
  public static Archiver start(IngestOptions options, Ledger ledger, IngestListener listener,
      Function<Source, Duration> settle, RetryPolicy retry) {
    Path root = options.archiveRoot();
    ThreadLocal<WriteOnceCopier> copiers = ThreadLocal.withInitial(() -> new WriteOnceCopier(root, options.opener(), ledger.temps(), options.umask()));
    GroupSync groupSync = options.dryRun() || !options.fileSystemSync().isReliableOn(root)
        ? null : new GroupSync(root, options.fileSystemSync());
    Ingestor ingestor = new Ingestor(root, options.layout(), ledger,
        new CaptureDateReader(options.zone(), options.clock()), copiers::get, groupSync, options.folderSync(), options.opener(),
        options.clock(), options.dryRun());
    return new Archiver(ingestor, ledger, new MediaInspector(options.zone(), options.clock()), listener,
        new WorkerPools(), LOOKAHEAD_FILES, options.clock(), settle,
        options.dryRun() ? null : new RetryBook(ledger.retries(), retry), root, groupSync);
  }

  /** A full pass (a reconcile): every file of every source. */
  public IngestSummary reconcile(List<Source> sources) {
    newPass();
    IngestSummary summary = new IngestSummary();
    try (OpenDuringPass open = new OpenDuringPass(archiveRoot, sources)) {
      reconcileEach(sources, summary);
    }
    return summary;
  }

  private void reconcileEach(List<Source> sources, IngestSummary summary) {
    for (Source source : sources) {
      runSource(source, summary);
      flush(summary); // the walk's files recorded before the schedule is asked about the rest
      // failed before, and no longer in the source: rescued from .stversions, or a loss said as such
      // (a dry run reads the schedule too, so it predicts the loss the real run will report)
      List<String> gone = retries != null ? retries.goneFrom(source) : RetryBook.goneFrom(ledger.retries(), source, Set.of());
      if (!gone.isEmpty()) {
        lookAt(source, gone, summary);
        flush(summary);
      }
    }
  }

  /**
   * A pass over some paths of one source (what Syncthing or the file watcher reported), with the
   * files beside them that share their stem (a photo's sidecar or Live Photo half). A path that is
   * gone is looked for in {@code .stversions/} before it is reported lost.
   */
  public IngestSummary ingestPaths(Source source, Collection<String> paths) {
    return ingestPaths(source, paths, CaptureHints.NONE);
  }

  /** The ledger's rows for these paths of {@code source} (an import asks before it extracts a file). */
  public Map<String, KnownFile> known(Source source, Collection<String> paths) {
    return ledger.files().knownFiles(source.name(), paths);
  }

  /**
   * As {@link #ingestPaths(Source, Collection)}, with capture times known from beside the files
   * (an import's Takeout sidecars). No row is marked removed: paths not given are not looked at.
   */
  public IngestSummary ingestPaths(Source source, Collection<String> paths, CaptureHints hints) {
    return ingestPaths(source, paths, hints, true);
  }

  /**
   * @param trustStat false for files whose stat says nothing of their content: an import's staged
   *     copies (a fresh file may get the inode of the last one deleted), so each is hashed, not skipped
   */
  public IngestSummary ingestPaths(Source source, Collection<String> paths, CaptureHints hints, boolean trustStat) {
    ingestor.hints(hints);
    statTrusted = trustStat;
    try {
      return ingestPathsPass(source, paths);
    } finally {
      ingestor.hints(CaptureHints.NONE);
      statTrusted = true;
    }
  }

  private IngestSummary ingestPathsPass(Source source, Collection<String> paths) {
    newPass();
    IngestSummary summary = new IngestSummary();
    try (OpenDuringPass open = new OpenDuringPass(archiveRoot, List.of(source))) {
      lookAt(source, paths, summary);
      flush(summary);
    }
    return summary;
  }

  private void lookAt(Source source, Collection<String> paths, IngestSummary summary) {
    ReportedPaths.Found found = ReportedPaths.look(source, paths, ledger.files(), ingestor, listener,
        outcome -> report(summary, outcome), summary);
    Set<String> wanted = found.wanted();
    Map<String, KnownFile> known = found.known();
    List<SourceFile> files = found.files();
    process(source, files, known, () -> {
      Set<String> companionPaths = new HashSet<>(known.keySet());
      companionPaths.addAll(wanted);
      return companionPaths;
    }, summary);
  }

  /**
   * A whole pass over one source: the walk and the ledger's rows compared as two sorted streams
   * ({@link SourceMerge}), files archived a chunk at a time, rows the walk passed by marked removed.
   */
  private void runSource(Source source, IngestSummary summary) {
    SourceMerge merge = new SourceMerge(source, ledger, (files, known) -> process(source, files, known, () -> {
      Set<String> companionPaths = new HashSet<>(known.keySet());
      files.forEach(f -> companionPaths.add(f.relative()));
      return companionPaths;
    }, summary), summary);
    try {
      WalkAhead.walk(source, new SortedWalk.Sink() {
        @Override
        public void file(SourceFile file) {
          merge.file(file);
        }

        @Override
        public void passedOver(String relative, String reason) {
          merge.passedOver(relative, reason);
          listener.passedOver(source, relative, reason);
        }

        @Override
        public void unrepresentable(String shown) {
          report(summary, ReportedPaths.unrepresentable(source, shown));
        }

        @Override
        public void unreadable(String relative, String problem) {
          merge.unreadable(relative, problem);
          listener.sourceProblem(source, "source " + source.name() + ": " + relative + ": " + problem);
          summary.addFailed(1);
        }
      });
    } catch (IOException | RuntimeException e) {
      if (e instanceof LedgerException ledgerTrouble) {
        throw ledgerTrouble;
      }
      listener.sourceProblem(source, "source " + source.name() + " (" + source.root() + ") cannot be read: " + e.getMessage());
      summary.addFailed(1);
      return; // nothing is marked removed: the source could not be looked at whole
    }
    merge.finish();
  }

  /** Skip the unchanged, defer the unsettled, inspect the rest, then archive them phase by phase. */
  private void process(Source source, List<SourceFile> files, Map<String, KnownFile> known,
      Supplier<Set<String>> companionPaths, IngestSummary summary) {
    if (ingestor.flushDue(FLUSH_EVERY, FLUSH_WITHIN)) { // rows and outcomes wait no longer for chunks with nothing new
      flush(summary);
    }
    Duration settle = this.settle.apply(source);
    Instant settledBefore = clock.instant().minus(settle);
    List<SourceFile> todo = new ArrayList<>();
    for (SourceFile file : files) {
      KnownFile k = known.get(file.relative());
      if (statTrusted && k != null && k.sameStat(file.size(), file.mtime(), file.fileKey()) && isSettled(k, source)) {
        summary.add(k.state().isInArchive() ? FileOutcome.unchanged(file, null) : FileOutcome.skipped(file, "not media"));
      } else if (!settle.isZero() && file.rescuedFrom() == null && file.mtime().toInstant().isAfter(settledBefore)) {
        listener.waiting(file, file.mtime().toInstant().plus(settle)); // still being written, perhaps
      } else {
        todo.add(file);
      }
    }
    listener.planned(todo.size(), todo.stream().mapToLong(SourceFile::size).sum());

    List<Future<Inspection>> inspections = new ArrayList<>();
    for (SourceFile file : todo) {
      inspections.add(workers.submit(() -> inspector.inspect(file.confined()))); // reads headers only
    }
    List<Candidate> candidates = new ArrayList<>();
    for (int i = 0; i < todo.size(); i++) {
      SourceFile file = todo.get(i);
      try {
        candidates.add(new Candidate(file, join(inspections.get(i))));
      } catch (LinkOnPathException link) {
        report(summary, ingestor.linkRefused(file, link));
      } catch (IOException e) {
        report(summary, FileOutcome.sourceReadFailed(file, e));
      } catch (RuntimeException | Error bug) { // this file only: the pass goes on
        report(summary, FileOutcome.failed(file, FailureKind.INTERNAL_ERROR, file.path() + ": " + bug
            + " (please report this; the source is untouched)"));
      }
    }
    candidates.sort(Comparator.comparingInt(c -> order(c.inspection())));

    if (candidates.isEmpty()) {
      return; // a no-change pass: nothing to place, no companions to index
    }
    Following following = new Following(new Companions(companionPaths.get()), known, ledger.files());
    // Phases: what follows another file is submitted only after that one is placed.
    for (int phase = 0; phase <= 2; phase++) {
      final int current = phase;
      Iterator<Candidate> next = candidates.stream().filter(c -> order(c.inspection()) == current).iterator();
      boolean few = candidates.stream().filter(c -> order(c.inspection()) == current).count() < GROUP_SYNC_MIN_FILES;
      Deque<Future<Prepared>> inFlight = new ArrayDeque<>();
      Deque<Long> sizesInFlight = new ArrayDeque<>();
      long bytesInFlight = 0;
      while (next.hasNext() || !inFlight.isEmpty()) {
        while (next.hasNext() && (inFlight.isEmpty() || (inFlight.size() < lookahead && bytesInFlight < LOOKAHEAD_BYTES))) {
          Candidate candidate = next.next();
          inFlight.add(submit(candidate, following, known, few));
          sizesInFlight.add(candidate.file().size());
          bytesInFlight += candidate.file().size();
        }
        bytesInFlight -= sizesInFlight.poll();
        Prepared prepared = await(inFlight.poll());
        FileOutcome outcome = completeOne(prepared);
        String rel = outcome.file().relative();
        if (outcome.isInArchive()) {
          following.placed(rel, outcome.archivePath(), outcome.date(), prepared.type());
        } else if (outcome.kind() == FileOutcome.Kind.FAILED) {
          following.failed(rel);
        }
        if (!ingestor.holdUntilFlushed(outcome)) {
          report(summary, outcome);
        }
        if (ingestor.flushDue(FLUSH_EVERY, FLUSH_WITHIN)) {
          flush(summary, following);
        }
      }
    }
  }

  /** The serial step of one file; trouble other than the ledger's fails that file only. */
  private FileOutcome completeOne(Prepared prepared) {
    try {
      return ingestor.complete(prepared);
    } catch (LedgerException ledgerTrouble) {
      throw ledgerTrouble; // not about this file: the pass stops, and its caller retries it
    } catch (RuntimeException | Error bug) {
      return FileOutcome.failed(prepared.file(), FailureKind.INTERNAL_ERROR, prepared.file().path() + ": " + bug
          + " (please report this; the source is untouched)");
    }
  }

  /**
   * Works out where a candidate goes (following its primary, if it has one) and starts its copy.
   *
   * @param few it is one of a few files: it is made durable on its own, not by a group sync
   */
  private Future<Prepared> submit(Candidate candidate, Following following, Map<String, KnownFile> known, boolean few) {
    String rel = candidate.file().relative();
    Following.Decision decision = following.decide(rel, candidate.inspection().type());
    if (decision.heldBackBy() != null) {
      return CompletableFuture.completedFuture(new Prepared.Decided(FileOutcome.failed(candidate.file(),
          FailureKind.WAITING_FOR_PRIMARY, candidate.file().path() + " follows " + decision.heldBackBy()
              + ", which could not be archived; it will follow once that one is")));
    }
    Follow f = decision.follow();
    KnownFile k = known.get(rel);
    // copy and verify on the copy workers, then made durable: by a group sync of many small files, or
    // by an fsync on the sync workers (many in flight at once, committed together by the file system)
    return CompletableFuture.supplyAsync(() -> ingestor.prepare(candidate, k, f), workers)
        .thenCompose(prepared -> ingestor.durableLater(prepared, syncers, few));
  }

  /** The value of a worker's task; an I/O failure in it is rethrown as such, anything else as a bug. */
  private static <T> T join(Future<T> future) throws IOException {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("ingest interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException("worker task failed", e.getCause());
    }
  }

  private static Prepared await(Future<Prepared> future) {
    try {
      return join(future);
    } catch (IOException impossible) {
      throw new IllegalStateException("prepare() reports I/O trouble as an outcome", impossible);
    }
  }

  /** Records the batch's rows, then tells the outcomes held back behind them (a file not recorded: a failure). */
  private void flush(IngestSummary summary) {
    flush(summary, null);
  }

  /** As {@link #flush(IngestSummary)}; a file that failed there holds back the files that follow it in this chunk. */
  private void flush(IngestSummary summary, Following following) {
    for (FileOutcome outcome : ingestor.flush(syncers)) {
      if (following != null && outcome.kind() == FileOutcome.Kind.FAILED) {
        following.failed(outcome.file().relative());
      }
      report(summary, outcome);
    }
  }

  private void report(IngestSummary summary, FileOutcome outcome) {
    summary.add(outcome);
    if (retries != null) {
      retries.note(outcome); // may throw LedgerException: not this file's trouble, the pass stops
    }
    listener.outcome(outcome);
  }

  private void newPass() {
    if (retries != null) {
      retries.newPass();
    }
  }

  /** A file known unchanged needs no look, unless it was skipped and the source now takes others. */
  private static boolean isSettled(KnownFile known, Source source) {
    return known.state().isInArchive() || !source.includeOther();
  }

  /** Photos (and other files) first, then videos, then sidecars: what follows is placed after what it follows. */
  private static int order(Inspection inspection) {
    return switch (inspection.type()) {
      case PHOTO, OTHER -> 0;
      case VIDEO -> 1;
      case SIDECAR -> 2;
    };
  }

  /**
   * The folders of the archive and the sources kept open for one pass (many files in few folders
   * then cost no walk from the root each), and closed when it ends: a pass never holds a handle
   * that keeps a disk from being unmounted between passes.
   */
  private static final class OpenDuringPass implements AutoCloseable {
    private final List<dev.keepsake.fs.ConfinedRoot.KeptOpen> kept = new ArrayList<>();

    OpenDuringPass(Path archiveRoot, List<Source> sources) {
      kept.add(new dev.keepsake.fs.ConfinedRoot(archiveRoot).keepFoldersOpen());
      sources.forEach(s -> kept.add(s.confined().keepFoldersOpen()));
    }

    @Override
    public void close() {
      kept.forEach(dev.keepsake.fs.ConfinedRoot.KeptOpen::close);
    }
  }

  /** Stops the workers (work in flight ends first); the ledger and the lock are their owner's. */
  @Override
  public void close() {
    pools.close();
    if (groupSync != null) {
      groupSync.close();
    }
    ingestor.close();
  }

}
