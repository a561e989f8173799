package dev.keepsake.ingest;

import dev.keepsake.failure.FailureKind;
import dev.keepsake.ledger.RetrySchedule;
import dev.keepsake.source.Source;
import dev.keepsake.source.SourceFile;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's ingesting thread: takes batches from the {@link IngestQueue} and runs them through
 * one {@link Archiver}, reconciles every source at start and every {@code reconcileEvery}, and looks
 * again at files that were still settling. One thread, so the ledger has one writer.
 */
public final class IngestService implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(IngestService.class);

  private static final Duration RETRY_AFTER_FAILED_PASS = Duration.ofMinutes(1);
  private static final String CAUGHT_UP = "safe.caught-up.";
  /** Due retries handed to the queue per round; more wait for the next (they are soonest first). */
  private static final int MAX_RETRIES_PER_ROUND = 1000;
  /** Reported paths looked at per pass: a pass holds a record per path, so a burst is cut in slices. */
  static final int PATHS_PER_PASS = 2_000;
  private final Map<String, Source> sources = new java.util.concurrent.ConcurrentSkipListMap<>();
  private final IngestQueue queue;
  private final ServiceStats stats;
  private final Clock clock;
  private final Duration reconcileEvery;
  private final Map<SourceFile, Instant> settling = new HashMap<>();
  private final Thread thread;
  private Archiver archiver;
  private dev.keepsake.ledger.Ledger ledger;
  private java.nio.file.Path archiveRoot;
  private volatile boolean stopping;
  /** Per source: every file seen at or before this is archived (Keepsake's half of "safe"); kept in the ledger. */
  private final Map<String, Instant> caughtUp = new java.util.concurrent.ConcurrentHashMap<>();
  private final Set<String> lookedAtWhole = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final Map<String, Instant> persistedCaughtUp = new HashMap<>();
  private Instant nextTruth = Instant.MIN;
  private Instant nextCount = Instant.MIN;
  /** Per source: files in the archive, counted in full now and then, kept up between by the pass's outcomes. */
  private final Map<String, Long> archivedCount = new java.util.concurrent.ConcurrentHashMap<>();
  private volatile boolean truthStale;
  private static final Duration TRUTH_EVERY = Duration.ofSeconds(2);
  private static final Duration COUNT_EVERY = Duration.ofMinutes(1);
  private Instant nextReconcile;

  /** Where errors go on their way to the digest; a no-op by default. */
  public interface ErrorSink {
    void record(FailureKind kind, String source, String path, String message);
  }

  private ErrorSink errors = (kind, source, path, message) -> { };
  private final Map<SourceFile, Instant> waitingSince = new HashMap<>();
  /** Files a reconcile reported on; those it did not are gone from the source, not waiting. */
  private final java.util.Set<SourceFile> seenThisPass = new java.util.HashSet<>();

  public void errors(ErrorSink sink) {
    this.errors = sink;
  }

  /** The file waiting longest (settling, or failing and retried), for the weekly report ("source:path since time"), or null. */
  public String oldestWaiting() {
    String settlingOldest;
    Instant settlingSince;
    synchronized (waitingSince) {
      var oldest = waitingSince.entrySet().stream().min(Map.Entry.comparingByValue()).orElse(null);
      settlingOldest = oldest == null ? null : oldest.getKey().toString();
      settlingSince = oldest == null ? null : oldest.getValue();
    }
    var failing = ledger.retries().failingSince(Instant.MAX, 1);
    if (!failing.isEmpty() && (settlingSince == null || failing.get(0).firstFailed().isBefore(settlingSince))) {
      return failing.get(0).source() + ":" + failing.get(0).path() + " since " + failing.get(0).firstFailed();
    }
    return settlingOldest == null ? null : settlingOldest + " since " + settlingSince;
  }

  /** Files that have waited (settling, or failing) since before {@code cutoff}: the stall check's input. */
  public List<SourceFile> waitingSince(Instant cutoff) {
    List<SourceFile> out = new ArrayList<>();
    synchronized (waitingSince) {
      waitingSince.entrySet().stream().filter(e -> e.getValue().isBefore(cutoff)).map(Map.Entry::getKey).forEach(out::add);
    }
    for (var e : ledger.retries().failingSince(cutoff, 1000)) {
      Source source = sources.get(e.source());
      if (source != null) {
        out.add(new SourceFile(source, e.path(), 0, java.nio.file.attribute.FileTime.fromMillis(0), "", null));
      }
    }
    return out;
  }

  public IngestService(List<Source> sources, IngestQueue queue, ServiceStats stats, Clock clock, Duration reconcileEvery) {
    sources.forEach(s -> this.sources.put(s.name(), s));
    this.queue = queue;
    this.stats = stats;
    this.clock = clock;
    this.reconcileEvery = reconcileEvery;
    this.thread = new Thread(this::loop, "keepsake-ingest");
  }

  /**
   * Starts the thread over an open archive; every source is reconciled first.
   *
   * @param ledger the archive's ledger (opened by {@code app.Keepsake})
   * @param archiver the archiver over it, made with {@link #listener()} so its outcomes come here;
   *     closed by whoever made it, after {@link #close}
   */
  public void start(java.nio.file.Path archiveRoot, dev.keepsake.ledger.Ledger ledger, Archiver archiver) {
    this.archiveRoot = archiveRoot;
    this.ledger = ledger;
    this.archiver = archiver;
    for (String name : sources.keySet()) {
      String kept = ledger.marks().get(CAUGHT_UP + name);
      if (kept != null) {
        caughtUp.put(name, Instant.parse(kept)); // still true: what was archived stays archived
        persistedCaughtUp.put(name, caughtUp.get(name));
      }
    }
    sources.keySet().forEach(queue::reconcile);
    nextReconcile = clock.instant().plus(reconcileEvery);
    thread.start();
  }

  /** The sources, by name: a live view (a {@code syncthing-folder} source joins once its path is known). */
  public Map<String, Source> sources() {
    return sources;
  }

  /** A source whose path became known while running: from now on it is ingested, starting with a reconcile. */
  public void addSource(Source source) {
    sources.put(source.name(), source);
    queue.reconcile(source.name());
  }

  /** What the archiver tells this service: outcomes, waits, problems, refusals. */
  public IngestListener listener() {
    return new IngestListener() {
      @Override
      public void outcome(FileOutcome outcome) {
        stats.record(outcome, clock.instant());
        if (outcome.kind() == FileOutcome.Kind.ARCHIVED || outcome.kind() == FileOutcome.Kind.DUPLICATE) {
          archivedCount.computeIfPresent(outcome.file().source().name(), (k, n) -> n + 1);
        }
        if (outcome.kind() != FileOutcome.Kind.UNCHANGED) {
          truthStale = true; // told at the end of this batch, not in two seconds
        }
        SourceFile file = outcome.file();
        synchronized (waitingSince) {
          waitingSince.remove(withoutStat(file)); // settled one way or another (a failure waits in the ledger's retry schedule)
        }
        switch (outcome.kind()) {
          case ARCHIVED -> log.info("archived {} -> {}{}", file, outcome.archivePath(), rescued(file));
          case DUPLICATE -> log.info("duplicate {} = {} (already archived){}", file, outcome.archivePath(), rescued(file));
          case SKIPPED -> log.debug("skipped {}: {}", file, outcome.message());
          case FAILED -> {
            log.warn("failed {}: [{}] {}", file, outcome.failure(), outcome.message());
            errors.record(outcome.failure(), file.source().name(), file.relative(), outcome.message());
          }
          default -> { }
        }
      }

      @Override
      public void waiting(SourceFile file, Instant readyAt) {
        synchronized (settling) {
          settling.put(file, readyAt);
        }
        synchronized (waitingSince) {
          seenThisPass.add(withoutStat(file));
          waitingSince.putIfAbsent(withoutStat(file), clock.instant());
        }
      }

      @Override
      public void problem(String message) {
        log.warn("{}", message);
      }

      @Override
      public void sourceProblem(Source source, String message) {
        log.warn("{}", message);
        stats.sourceProblem(source.name(), message); // a condition: checked by the notifier until a reconcile reads it all
      }

      @Override
      public void refused(Source source, String path, String message) {
        log.warn("{}", message);
        errors.record(FailureKind.REFUSED_PATH, source.name(), null, message);
      }
    };
  }

  /** " (rescued from .stversions/…)" for a file read from Syncthing's versions after the phone deleted it. */
  private String rescued(SourceFile file) {
    return file.rescuedFrom() == null ? "" : " (rescued from " + file.source().root().relativize(file.rescuedFrom()) + ")";
  }

  /** The identity of a waiting file: its source and path, whatever its stat is by now. */
  private static SourceFile withoutStat(SourceFile f) {
    return new SourceFile(f.source(), f.relative(), 0, java.nio.file.attribute.FileTime.fromMillis(0), "", null);
  }

  private Instant nextArchiveLook = Instant.MIN;

  private void loop() {
    while (!stopping) {
      try {
        IngestQueue.Batch batch = queue.take(Duration.ofSeconds(1));
        Instant taken = clock.instant(); // the batch holds every signal up to now
        boolean lookAtArchive = !batch.isEmpty() || !clock.instant().isBefore(nextArchiveLook);
        if (lookAtArchive) {
          nextArchiveLook = clock.instant().plusSeconds(5); // idle too: a disk that went away is said, not hidden
        }
        if (lookAtArchive && !archiveUsable() && !batch.isEmpty()) {
          sources.keySet().forEach(queue::reconcile); // nothing lost: every source again once it is back
          stats.roundEnded();
          sleepQuietly(Duration.ofSeconds(5));
          continue;
        }
        for (String name : batch.reconcile()) {
          Source source = sources.get(name);
          if (source != null && !stopping) {
            Instant started = clock.instant();
            synchronized (waitingSince) {
              seenThisPass.clear();
            }
            stats.sourceProblem(name, null); // this reconcile says anew what it cannot read
            IngestSummary summary = archiver.reconcile(List.of(source));
            synchronized (waitingSince) { // a file that left the source waits for nothing any more
              waitingSince.keySet().removeIf(f -> f.source().name().equals(name) && !seenThisPass.contains(f));
            }
            log.info("reconciled {}: {}", name, summary.line(Duration.between(started, clock.instant())));
            lookedAtWhole.add(name);
          }
        }
        for (Map.Entry<String, Set<String>> e : batch.paths().entrySet()) {
          Source source = sources.get(e.getKey());
          if (source != null) {
            for (List<String> slice : PathSlices.of(e.getValue(), PATHS_PER_PASS)) {
              if (!stopping) {
                archiver.ingestPaths(source, slice);
              }
            }
          }
        }
        stats.passEnded(clock.instant());
        requeueSettled();
        updateTruths(taken); // before the due retries are queued: a queued path is then a new one, not counted twice
        offerDueRetries();
        if (!clock.instant().isBefore(nextReconcile)) {
          nextReconcile = clock.instant().plus(reconcileEvery);
          sources.keySet().forEach(queue::reconcile);
        }
        stats.roundEnded();
      } catch (InterruptedException e) {
        return;
      } catch (Throwable e) { // the thread never dies: it says so, and tries again
        String problem = e.toString();
        stats.passFailed(problem, clock.instant());
        log.error("ingest pass failed ({} in a row); retrying the sources in a minute: {}", stats.failedPasses(), problem);
        sources.keySet().forEach(queue::reconcile);
        stats.roundEnded();
        sleepQuietly(RETRY_AFTER_FAILED_PASS);
      }
    }
  }

  /**
   * Whether the archive root is there and writable. When its disk is unmounted the pass is skipped:
   * copying would fail file by file, and Keepsake never recreates the root on the system disk.
   */
  private boolean archiveUsable() {
    String problem = dev.keepsake.archive.ArchiveRoot.problem(archiveRoot, false);
    String before = stats.archiveProblem();
    stats.archiveProblem(problem);
    if (problem == null) {
      if (before != null) {
        log.info("archive {} is usable again; ingesting every source", archiveRoot);
      }
      return true;
    }
    if (!problem.equals(before)) { // once per problem, not every round: the digest reminds the owner
      log.warn("{}; not ingesting until it is back (checked every 5 s)", problem);
    }
    return false;
  }

  /**
   * Refreshes what the status, metrics and digests say of each source, from the ledger: the waiting
   * files, and how far everything is archived. Keepsake is caught up with a source to {@code taken}
   * when nothing of it waits (and no whole look at it is pending); else to the oldest waiting file.
   * It claims nothing for a source before its first whole look since start, beyond what the ledger
   * kept from before (true still: the archive keeps what it has).
   */
  private void updateTruths(Instant taken) {
    Instant now = clock.instant();
    if (now.isBefore(nextTruth) && !truthStale) {
      return;
    }
    truthStale = false;
    nextTruth = now.plus(TRUTH_EVERY);
    boolean count = !now.isBefore(nextCount);
    if (count) {
      nextCount = now.plus(COUNT_EVERY);
    }
    for (Source source : sources.values()) {
      String name = source.name();
      RetrySchedule.Summary retries = ledger.retries().summary(name);
      long settlingCount = 0;
      Instant settlingSince = null;
      synchronized (waitingSince) {
        for (Map.Entry<SourceFile, Instant> e : waitingSince.entrySet()) {
          if (e.getKey().source().name().equals(name)) {
            settlingCount++;
            settlingSince = settlingSince == null || e.getValue().isBefore(settlingSince) ? e.getValue() : settlingSince;
          }
        }
      }
      Instant oldest = retries.oldest() == null ? settlingSince
          : settlingSince == null || retries.oldest().isBefore(settlingSince) ? retries.oldest() : settlingSince;
      if (lookedAtWhole.contains(name) && !queue.reconcilePending(name)) {
        caughtUp.put(name, oldest != null && oldest.isBefore(taken) ? oldest : taken);
      }
      Instant k = caughtUp.get(name);
      if (k != null && !k.equals(persistedCaughtUp.get(name)) && count) {
        ledger.marks().put(CAUGHT_UP + name, k.toString());
        persistedCaughtUp.put(name, k);
      }
      if (count || !archivedCount.containsKey(name)) {
        archivedCount.put(name, ledger.files().archivedFiles(name));
      }
      int queued = queue.pending(name) - (queue.reconcilePending(name) ? 1 : 0);
      stats.truth(name, new SourceTruth(archivedCount.get(name), retries.count() + settlingCount + queued, oldest,
          ledger.files().lastArrival(name), k, retries.kind(), retries.message(), retries.nextAt()));
    }
  }

  /** Failed files whose time has come go back into the queue: they heal without any new signal. */
  private void offerDueRetries() {
    for (RetrySchedule.Entry due : ledger.retries().due(clock.instant(), MAX_RETRIES_PER_ROUND)) {
      if (sources.containsKey(due.source())) {
        queue.offer(due.source(), due.path());
      } else { // a source no longer configured: nothing will ever try it
        ledger.retries().settle(due.source(), due.path(), RetrySchedule.Outcome.SETTLED);
      }
    }
  }

  private void requeueSettled() {
    Instant now = clock.instant();
    List<SourceFile> due = new ArrayList<>();
    synchronized (settling) {
      settling.entrySet().removeIf(e -> {
        if (!e.getValue().isAfter(now)) {
          due.add(e.getKey());
          return true;
        }
        return false;
      });
    }
    due.forEach(f -> queue.offer(f.source().name(), f.relative()));
  }

  private void sleepQuietly(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Stops taking work and lets the pass in flight end (its copies finish or are abandoned, temp files
   * removed). Waits up to a minute for the pass in flight; the archiver and the ledger are closed by
   * their owner afterwards.
   */
  @Override
  public void close() {
    stopping = true;
    queue.close();
    try {
      thread.join(Duration.ofSeconds(60).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

}
