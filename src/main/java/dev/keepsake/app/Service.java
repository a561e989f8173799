package dev.keepsake.app;

import dev.keepsake.config.IngestSettings;
import dev.keepsake.config.NotifySettings;
import dev.keepsake.config.ServiceSettings;
import dev.keepsake.ingest.ArchiveUnavailableException;
import dev.keepsake.ingest.Archiver;
import dev.keepsake.ingest.IngestOptions;
import dev.keepsake.ingest.IngestQueue;
import dev.keepsake.ingest.IngestService;
import dev.keepsake.ingest.ServiceStats;
import dev.keepsake.ledger.Ledger;
import dev.keepsake.notify.DeadManChecks;
import dev.keepsake.notify.DigestPolicy;
import dev.keepsake.notify.ErrorJournal;
import dev.keepsake.notify.MailTransport;
import dev.keepsake.notify.Notifier;
import dev.keepsake.notify.Transports;
import dev.keepsake.notify.WeeklyReport;
import dev.keepsake.notify.WeeklyReportJob;
import dev.keepsake.server.StatusServer;
import dev.keepsake.source.Source;
import dev.keepsake.syncthing.EventFollower;
import dev.keepsake.syncthing.SyncWatch;
import dev.keepsake.syncthing.SyncthingClient;
import dev.keepsake.syncthing.SyncthingEvent;
import dev.keepsake.syncthing.SyncthingException;
import dev.keepsake.watch.TreeWatcher;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service ({@code keepsake run}), built over one {@link Keepsake}: one ingest queue fed by
 * Syncthing's events, a watcher per source and the HTTP hook; one ingesting thread; the notifier,
 * the weekly report and the verify job on a ticker; the status server. The CLI only starts and
 * stops it; every part stays testable on its own.
 */
public final class Service implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Service.class);
  /** Paths queued before a source is reconciled whole instead (a walk in bounded memory): ~2.6 MiB of paths. */
  private static final int QUEUE_CAPACITY = 20_000;
  private static final Duration NOTIFY_TICK = Duration.ofSeconds(30);

  private final Keepsake keepsake;
  private final IngestService service;
  private Archiver archiver;
  private final List<TreeWatcher> watchers = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final List<Thread> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
  private volatile boolean closing;
  private Thread followerThread;
  private EventFollower follower;
  private StatusServer server;
  private ErrorJournal journal;
  private ScheduledExecutorService ticker;
  private static final Duration SYNCTHING_DOWN_TOO_LONG = Duration.ofMinutes(15);

  private Service(Keepsake keepsake, IngestService service) {
    this.keepsake = keepsake;
    this.service = service;
  }

  public static Service start(IngestSettings ingest, ServiceSettings settings, SyncthingClient syncthing,
      NotifySettings notify, Clock clock) throws ArchiveUnavailableException, IOException {
    return start(ingest, settings, syncthing, notify, dev.keepsake.config.PushSettings.NONE, clock);
  }

  /** @param push the push channels beside mail (ntfy, Gotify, webhook, ping) */
  public static Service start(IngestSettings ingest, ServiceSettings settings, SyncthingClient syncthing,
      NotifySettings notify, dev.keepsake.config.PushSettings push, Clock clock) throws ArchiveUnavailableException, IOException {
    IngestOptions options = Keepsake.options(ingest, clock, false);
    Keepsake keepsake = Keepsake.open(options); // the lock and the ledger, once, for everything below
    try {
      return start(keepsake, ingest, settings, syncthing, notify, push, clock);
    } catch (IOException | RuntimeException | Error e) {
      keepsake.close(); // a start that failed half-way releases the lock (close() of a started part has run)
      throw e;
    }
  }

  private static Service start(Keepsake keepsake, IngestSettings ingest, ServiceSettings settings,
      SyncthingClient syncthing, NotifySettings notify, dev.keepsake.config.PushSettings push, Clock clock) throws IOException {
    ServiceStats stats = new ServiceStats(clock.instant());
    stats.archivedBefore(keepsake.ledger().files().lastArchivedAt());
    IngestQueue queue = new IngestQueue(QUEUE_CAPACITY);
    IngestService service = new IngestService(ingest.sources(), queue, stats, clock, settings.reconcileEvery());
    Service runner = new Service(keepsake, service);
    Ledger ledger = keepsake.ledger();
    // folder id -> source name: by folder id for syncthing-folder sources, by path for the others
    // (learned when Syncthing answers, now or later); the follower and the hook endpoint read it live
    Map<String, String> folderToSource = new java.util.concurrent.ConcurrentHashMap<>();
    if (syncthing != null) {
      stats.syncthingConfigured();
    }
    // Syncthing renames complete files into place: no settle time for its folders. Elsewhere a file
    // may still be written, so it must be unchanged for `settle` first.
    FolderLookout lookout = syncthing == null ? null : new FolderLookout(syncthing, keepsake::ledger,
        folderToSource, ingest.folderIds(), ingest.pending(), () -> List.copyOf(service.sources().values()),
        ingest.archiveRoot(), ingest.effectiveLedgerFile(), source -> {
          service.addSource(source);
          stats.placed(source.name());
          try {
            runner.startWatcher(source, queue);
          } catch (IOException e) {
            log.warn("cannot watch {}: {} (reconcile scans still cover it)", source.root(), e.getMessage());
          }
        });
    try {
      if (lookout != null) {
        lookout.matchBeforeStart();
      }
      ErrorJournal journal = new ErrorJournal(clock);
      service.errors(journal::record);
      runner.archiver = keepsake.archiver(service.listener(),
          source -> folderToSource.containsValue(source.name()) ? Duration.ZERO : settings.settle(),
          dev.keepsake.ingest.RetryPolicy.of(settings.retryFirst(), settings.retryMax()));
      service.start(ingest.archiveRoot(), ledger, runner.archiver);
      for (Source source : ingest.sources()) {
        String id = ingest.folderIds().get(source.name());
        if (id != null) {
          ledger.syncthing().saveFolderPath(id, source.root()); // for the next start without Syncthing
        }
      }
      for (IngestSettings.PendingSource p : ingest.pending()) {
        if (service.sources().get(p.name()) == null) {
          stats.unplaced(p.name(), p.why());
        }
        log.warn("source {}: {}; its files are archived once Syncthing says where the folder is", p.name(), p.why());
      }
      runner.startNotifier(notify, push, journal, service, stats, clock, ingest.archiveRoot(), settings);
      SyncWatch syncWatch = syncthing == null ? null : new SyncWatch(syncthing, new SyncWatch.Store() {
        @Override
        public Instant load(String folderId) {
          String v = ledger.marks().get("safe.synced." + folderId);
          return v == null ? null : Instant.parse(v);
        }

        @Override
        public void save(String folderId, Instant at) {
          ledger.marks().put("safe.synced." + folderId, at.toString());
        }
      }, clock);
      if (lookout != null) {
        runner.watchSync(syncWatch, folderToSource, stats, service);
        lookout.look(); // now, before events are followed: the folder map is as complete as Syncthing allows
        runner.ticker.scheduleWithFixedDelay(() -> {
          try {
            lookout.look();
            runner.superviseFollower();
            runner.watchSync(syncWatch, folderToSource, stats, service);
          } catch (RuntimeException e) {
            log.warn("looking up Syncthing folders failed: {}", e.toString());
          }
        }, 5, 5, TimeUnit.SECONDS); // a no-op once every folder is placed
        runner.startFollower(syncthing, folderToSource, queue, stats, service, clock);
      }
      for (Source source : ingest.sources()) {
        runner.startWatcher(source, queue);
      }
      runner.server = new StatusServer(settings.listen(), stats, queue, service.sources(), folderToSource, clock,
          settings.token(), ingest.zone(), ledger.incidents()::all);
      runner.server.show(new LedgerArchiveView(ledger, ingest.archiveRoot(), ingest.zone()),
          new dev.keepsake.fs.ConfinedRoot(ingest.archiveRoot()), hostName());
      log.info("keepsake running: {}, archive {}, http://{}", dev.keepsake.notify.HumanText.count(ingest.sources().size(), "source"), ingest.archiveRoot(),
          hostPort(runner.server));
    } catch (IOException | RuntimeException | Error e) {
      runner.close();
      throw e;
    }
    return runner;
  }

  /**
   * Syncthing's half of "safe" for each followed folder: whether the phone is connected and when the
   * NAS last had all it had. Unreachable Syncthing changes nothing: the last known instant stands.
   */
  private void watchSync(SyncWatch watch, Map<String, String> folderToSource, ServiceStats stats, IngestService service) {
    Map<String, String> folders = Map.copyOf(folderToSource);
    folders.forEach((folder, source) -> {
      if (stats.phoneSync(source) == null) {
        SyncWatch.Sync known = watch.known(folder);
        stats.phoneSync(source, new ServiceStats.PhoneSync(false, known.inSyncAt()));
      }
    });
    try {
      watch.look(folders.keySet()).forEach((folder, sync) ->
          stats.phoneSync(folders.get(folder), new ServiceStats.PhoneSync(sync.peerConnected(), sync.inSyncAt())));
    } catch (SyncthingException notNow) {
      folders.values().forEach(source -> {
        ServiceStats.PhoneSync before = stats.phoneSync(source);
        stats.phoneSync(source, new ServiceStats.PhoneSync(false, before == null ? null : before.inSyncAt()));
      });
    }
  }

  /** The follower's thread ends only on close; should it ever die, it is started again. */
  private void superviseFollower() {
    if (follower != null && followerThread != null && !followerThread.isAlive() && !closing) {
      log.warn("the Syncthing event follower stopped; starting it again");
      followerThread = startThread("keepsake-syncthing", follower);
    }
  }

  /**
   * Digests every 30 s (or every {@code group-wait}, when that is shorter: no tick may miss it):
   * dead-man checks, journal into incidents, policy, send.
   */
  private void startNotifier(NotifySettings notify, dev.keepsake.config.PushSettings push, ErrorJournal journal,
      IngestService service, ServiceStats stats,
      Clock clock, Path archiveRoot, ServiceSettings settings) {
    this.journal = journal;
    List<Notifier.DeadManCheck> checks = List.of(
        DeadManChecks.syncthingDown(() -> stats.syncthingConfiguredFlag() ? stats.syncthingDownSince() : null,
            stats::syncthingProblem, SYNCTHING_DOWN_TOO_LONG),
        DeadManChecks.syncthingAuth(stats::syncthingAuthProblem),
        DeadManChecks.archive(stats::archiveProblem),
        DeadManChecks.ingestFailing(stats::ingestProblem),
        DeadManChecks.sourceProblems(stats::sourceProblems),
        new dev.keepsake.notify.SilenceAlarm(new dev.keepsake.notify.SilenceAlarm.Settings(settings.silenceFactor(),
            settings.silenceMin()), (source, since) -> keepsake.ledger().files().arrivalDays(source, since, notify.reportZone()), clock)
            .check(() -> List.copyOf(service.sources().keySet()),
                name -> stats.truth(name) == null ? null : stats.truth(name).lastArrival(),
                name -> stats.phoneSync(name) == null ? null : stats.phoneSync(name).inSyncAt()),
        DeadManChecks.stalled(cutoff -> service.waitingSince(cutoff).stream()
            .map(f -> new DeadManChecks.Waiting(f.source().name(), f.relative())).toList(), notify.stallAfter()));
    MailTransport transport = Transports.from(notify, clock);
    Duration tick = notify.groupWait().compareTo(NOTIFY_TICK) < 0 ? notify.groupWait() : NOTIFY_TICK;
    if (tick.toMillis() < 100) {
      tick = Duration.ofMillis(100);
    }
    java.util.function.Supplier<List<String>> safeLines = () -> service.sources().keySet().stream()
        .map(name -> dev.keepsake.server.Safety.line(stats, name, notify.reportZone(), clock.instant())).toList();
    Notifier notifier = new Notifier(journal, keepsake.ledger(), new DigestPolicy(Transports.timings(notify)),
        transport, clock, notify.reportZone(), hostName(), checks).withSafeLines(safeLines)
        .withChannels(Channels.digest(push), push.publicUrl());
    dev.keepsake.push.Ping ping = Channels.ping(push, clock);
    WeeklyReportJob weekly = new WeeklyReportJob(keepsake.ledger(), transport, notify.reportDay(), notify.reportAt(),
        notify.reportZone(), () -> new WeeklyReport.Extra(dev.keepsake.archive.ArchiveRoot.freeSpace(archiveRoot), service.oldestWaiting(),
            safeLines.get()), hostName()).withPush(push.weeklyPush() ? push.channelNames() : List.of());
    // two threads: a long scheduled verify (hours of hashing on a big archive) never delays a digest
    ticker = Executors.newScheduledThreadPool(2, r -> {
      Thread t = new Thread(r, "keepsake-notify");
      t.setDaemon(true);
      return t;
    });
    ticker.scheduleWithFixedDelay(() -> {
      try {
        notifier.tick();
        weekly.tick(clock.instant());
        if (ping != null) {
          ping(ping, keepsake.ledger(), clock.instant());
        }
      } catch (RuntimeException e) {
        log.warn("notifier tick failed: {}", e.toString());
      } finally {
        stats.notifierTicked();
      }
    }, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
    ticker.scheduleWithFixedDelay(() -> {
      try {
        VerifyJob.scheduled(keepsake.ledger(), journal, archiveRoot, settings.verifyEvery(), settings.verifySample(), clock);
      } catch (RuntimeException e) {
        log.warn("scheduled verify failed: {}", e.toString());
      }
    }, 5, 60, TimeUnit.MINUTES);
  }

  private Instant pingComplained;

  /**
   * The dead-man ping after a tick: {@code /fail} with the reason while the service is unhealthy or
   * an incident is open, else a plain ping (each at most every {@code ping.every}).
   */
  private void ping(dev.keepsake.push.Ping ping, Ledger ledger, Instant now) {
    String problem = server == null ? null : server.healthProblem();
    if (problem == null) {
      List<dev.keepsake.ledger.IncidentRow> open = ledger.incidents().all().stream().filter(i -> i.clearedAt() == null).toList();
      if (!open.isEmpty()) {
        problem = dev.keepsake.notify.HumanText.count(open.size(), "open problem") + ": "
            + dev.keepsake.notify.Fingerprint.fromKey(open.get(0).fingerprint());
      }
    }
    try {
      ping.tick(problem);
    } catch (dev.keepsake.push.PushException e) {
      if (pingComplained == null || Duration.between(pingComplained, now).toMinutes() >= 30) {
        log.warn("cannot ping {}: {} (retrying every tick)", ping.describe(), e.getMessage());
        pingComplained = now;
      }
    }
  }

  public static String hostName() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "";
    }
  }

  private void startFollower(SyncthingClient syncthing, Map<String, String> folderToSource, IngestQueue queue,
      ServiceStats stats, IngestService service, Clock clock) {
    EventFollower.Listener listener = new EventFollower.Listener() {
      @Override
      public void fileFinished(SyncthingEvent event) {
        String source = folderToSource.get(event.folder());
        if (source != null) {
          queue.offer(source, event.item());
          if (event.time() != null) {
            stats.eventLag(Math.max(0, Duration.between(event.time(), clock.instant()).toMillis() / 1000.0));
          }
        }
      }

      @Override
      public void gap(String why) {
        log.info("{}: looking at every Syncthing folder again", why);
        folderToSource.values().forEach(queue::reconcile);
      }

      @Override
      public void health(SyncthingException problem) {
        stats.syncthing(problem == null ? null : problem.getMessage(), clock.instant());
        stats.syncthingRefuses(problem != null && problem.kind().refusesUs());
      }
    };
    follower = new EventFollower(syncthing, folderToSource.keySet(), keepsake.ledger().syncthing().cursorStore(syncthing.baseUrl()),
        listener, clock, d -> Thread.sleep(d.toMillis()), SyncthingClient.POLL_SECONDS);
    followerThread = startThread("keepsake-syncthing", follower);
  }

  private void startWatcher(Source source, IngestQueue queue) throws IOException {
    TreeWatcher watcher = new TreeWatcher(source, new TreeWatcher.Listener() {
      @Override
      public void changed(Source s, String relative) {
        queue.offer(s.name(), relative);
      }

      @Override
      public void overflow(Source s) {
        queue.reconcile(s.name());
      }
    });
    synchronized (this) {
      if (closing) { // a folder found while closing: nothing may start now
        watcher.close();
        return;
      }
      watchers.add(watcher);
      startThread("keepsake-watch-" + source.name(), watcher);
    }
  }

  /** Starts a daemon thread close() will stop and wait for; none once closing began. */
  private synchronized Thread startThread(String name, Runnable task) {
    Thread t = new Thread(task, name);
    t.setDaemon(true);
    if (closing) {
      return t; // never started: close() has taken its list already
    }
    t.start();
    threads.add(t);
    return t;
  }

  public static String hostPort(StatusServer server) {
    return server.address().getHostString() + ":" + server.address().getPort();
  }

  public StatusServer server() {
    return server;
  }

  /** Stops taking signals, lets the pass in flight end, closes the archiver, the ledger and the lock. */
  @Override
  public void close() {
    synchronized (this) {
      closing = true; // from now on no thread or watcher starts
    }
    if (server != null) {
      server.close();
    }
    if (ticker != null) {
      ticker.shutdownNow();
      try {
        // a tick in flight (a digest being recorded, a sampled verify) ends before the ledger closes
        if (!ticker.awaitTermination(60, TimeUnit.SECONDS)) {
          log.warn("a scheduled task did not stop within 60 s; closing the ledger anyway");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (follower != null) {
      follower.stop();
    }
    for (TreeWatcher watcher : watchers) {
      try {
        watcher.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
    threads.forEach(Thread::interrupt);
    for (Thread t : threads) {
      try {
        t.join(5000); // no event thread may touch the ledger once it closes
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    service.close();
    if (archiver != null) {
      archiver.close();
    }
    keepsake.close(); // the ledger, then the lock: nothing uses them any more
  }
}
