package dev.keepsake.ingest;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the running service has done and how it is, for {@code /metrics}, {@code /api/status} and
 * {@code /healthz}. Written by the ingesting and event threads, read by the HTTP server.
 */
public final class ServiceStats {
  /** Counters of one source. */
  public static final class SourceCounters {
    public final AtomicLong archivedFiles = new AtomicLong();
    public final AtomicLong archivedBytes = new AtomicLong();
    public final AtomicLong duplicates = new AtomicLong();
    public final Map<String, AtomicLong> failures = new ConcurrentHashMap<>();
  }

  private final Map<String, SourceCounters> sources = new ConcurrentHashMap<>();
  /** Configured sources whose folder is not known yet (a Syncthing folder Syncthing has not placed), with why. */
  private final Map<String, String> unplaced = new java.util.concurrent.ConcurrentSkipListMap<>();
  private final Map<String, SourceTruth> truths = new ConcurrentHashMap<>();
  private final Map<String, PhoneSync> phones = new ConcurrentHashMap<>();

  /**
   * Syncthing's half of "safe" for a source that is a Syncthing folder.
   *
   * @param connected whether a device the folder is shared with (the phone) is connected now
   * @param inSyncAt the last instant the NAS had everything the phone had (null: never seen in sync)
   */
  public record PhoneSync(boolean connected, Instant inSyncAt) {}
  private volatile Instant lastIngest;
  private volatile Instant lastPassEnded;
  private volatile boolean syncthingConfigured;
  private volatile boolean syncthingConnected;
  private volatile Instant syncthingDownSince;
  private volatile String syncthingProblem;
  private volatile double eventLagSeconds;
  private volatile String archiveProblem;
  private volatile boolean syncthingRefuses;
  private final Map<String, String> sourceProblems = new ConcurrentHashMap<>();
  private volatile int failedPasses;
  private volatile Instant failingSince;
  private volatile String passProblem;
  private final Instant started;
  private final AtomicLong rounds = new AtomicLong();
  private final AtomicLong notifierTicks = new AtomicLong();

  public ServiceStats(Instant started) {
    this.started = started;
  }

  public SourceCounters source(String name) {
    return sources.computeIfAbsent(name, n -> new SourceCounters());
  }

  public Map<String, SourceCounters> sources() {
    return new TreeMap<>(sources);
  }

  void record(FileOutcome outcome, Instant now) {
    SourceCounters c = source(outcome.file().source().name());
    switch (outcome.kind()) {
      case ARCHIVED -> {
        c.archivedFiles.incrementAndGet();
        c.archivedBytes.addAndGet(outcome.bytes());
        lastIngest = now;
      }
      case DUPLICATE -> c.duplicates.incrementAndGet();
      case FAILED -> c.failures.computeIfAbsent(outcome.failure().id(), k -> new AtomicLong()).incrementAndGet();
      default -> { }
    }
  }

  /** What the ledger says of {@code source} now (refreshed by the ingesting thread every few seconds). */
  void truth(String source, SourceTruth truth) {
    truths.put(source, truth);
  }

  /** What Syncthing says of the source's folder (set only for Syncthing folders). */
  public void phoneSync(String source, PhoneSync sync) {
    phones.put(source, sync);
  }

  /** Syncthing's half for {@code source}, or null when it is not a Syncthing folder Keepsake follows. */
  public PhoneSync phoneSync(String source) {
    return phones.get(source);
  }

  /**
   * The instant up to which everything of {@code source} is safe: in the archive, fsync'd and verified,
   * and — for a Syncthing folder — everything the phone had when it was last in sync with the NAS.
   * Null when either half cannot say yet.
   */
  public Instant safeThrough(String source) {
    SourceTruth truth = truths.get(source);
    if (truth == null || truth.caughtUpTo() == null) {
      return null;
    }
    PhoneSync phone = phones.get(source);
    if (phone == null) {
      return truth.caughtUpTo(); // not a Syncthing folder: Keepsake's half is all of it
    }
    if (phone.inSyncAt() == null) {
      return null;
    }
    return phone.inSyncAt().isBefore(truth.caughtUpTo()) ? phone.inSyncAt() : truth.caughtUpTo();
  }

  /** The last truth of {@code source}, or null before the first. */
  public SourceTruth truth(String source) {
    return truths.get(source);
  }

  public void passEnded(Instant now) {
    lastPassEnded = now;
    failedPasses = 0;
    failingSince = null;
    passProblem = null;
  }

  /** A pass stopped on something that is not about one file (the ledger, a bug). */
  public void passFailed(String problem, Instant now) {
    if (failedPasses++ == 0) {
      failingSince = now;
    }
    passProblem = problem;
  }

  /** Passes that failed in a row, since the last one that ended well. */
  public int failedPasses() {
    return failedPasses;
  }

  /** Why ingesting does not work, when passes keep failing (two or more in a row); else null. */
  public String ingestProblem() {
    return failedPasses >= 2 ? "ingest passes keep failing (" + failedPasses + " in a row since " + failingSince + "): "
        + passProblem : null;
  }

  public void syncthingConfigured() {
    syncthingConfigured = true;
  }

  /** Syncthing answered (problem null) or not. */
  public void syncthing(String problem, Instant now) {
    if (problem == null) {
      syncthingConnected = true;
      syncthingDownSince = null;
      syncthingProblem = null;
    } else {
      if (syncthingConnected || syncthingDownSince == null) {
        syncthingDownSince = now;
      }
      syncthingConnected = false;
      syncthingProblem = problem;
    }
  }

  /** Syncthing answered, but refused the key or the Host header: {@link #syncthingProblem} says which. */
  public void syncthingRefuses(boolean refuses) {
    syncthingRefuses = refuses;
  }

  /** Why Syncthing refuses Keepsake, while it does; else null. */
  public String syncthingAuthProblem() {
    return syncthingRefuses && !syncthingConnected ? syncthingProblem : null;
  }

  /** What the last reconcile of {@code source} could not read (null: all of it could). */
  void sourceProblem(String source, String problem) {
    if (problem == null) {
      sourceProblems.remove(source);
    } else {
      sourceProblems.merge(source, problem, (a, b) -> a.contains(b) ? a : a + "; " + b);
    }
  }

  /** Sources the last reconcile could not wholly read, with what it could not. */
  public Map<String, String> sourceProblems() {
    return new TreeMap<>(sourceProblems);
  }

  public void eventLag(double seconds) {
    eventLagSeconds = seconds;
  }

  public void archiveProblem(String problem) {
    archiveProblem = problem;
  }

  /** One round of the ingest loop ended, whatever it did (a pass, nothing to do, the archive gone, a failure). */
  public void roundEnded() {
    rounds.incrementAndGet();
  }

  /** Rounds of the ingest loop since the start: a test or a watcher sees the loop is alive and has looked again. */
  public long rounds() {
    return rounds.get();
  }

  public void notifierTicked() {
    notifierTicks.incrementAndGet();
  }

  /** Notifier rounds since the start (each: checks, digest policy, maybe a send). */
  public long notifierTicks() {
    return notifierTicks.get();
  }

  public Instant started() {
    return started;
  }

  /** What the ledger says was archived last, before this start: the service's "last ingest" is not "never" after a restart. */
  public void archivedBefore(Instant at) {
    if (lastIngest == null && at != null) {
      lastIngest = at;
    }
  }

  public Instant lastIngest() {
    return lastIngest;
  }

  public Instant lastPassEnded() {
    return lastPassEnded;
  }

  public boolean syncthingConfiguredFlag() {
    return syncthingConfigured;
  }

  public boolean syncthingConnected() {
    return syncthingConnected;
  }

  public Instant syncthingDownSince() {
    return syncthingDownSince;
  }

  public String syncthingProblem() {
    return syncthingProblem;
  }

  public double eventLagSeconds() {
    return eventLagSeconds;
  }

  public String archiveProblem() {
    return archiveProblem;
  }

  /** {@code source} is configured but its folder is not known yet: nothing of it can be archived. */
  public void unplaced(String source, String why) {
    unplaced.put(source, why);
  }

  /** {@code source}'s folder is known now. */
  public void placed(String source) {
    unplaced.remove(source);
  }

  /** Sources not placed yet, by name, with why. */
  public Map<String, String> unplaced() {
    return Map.copyOf(unplaced);
  }
}
