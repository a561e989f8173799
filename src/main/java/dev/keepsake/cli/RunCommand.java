package dev.keepsake.cli;

import dev.keepsake.app.FolderPaths;
import dev.keepsake.app.Service;
import dev.keepsake.config.ConfigException;
import dev.keepsake.config.IngestSettings;
import dev.keepsake.config.NotifySettings;
import dev.keepsake.config.ServiceSettings;
import dev.keepsake.ingest.ArchiveUnavailableException;
import dev.keepsake.ledger.LedgerException;
import dev.keepsake.syncthing.SyncthingClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sun.misc.Signal;

/** {@code keepsake run}: the service, until SIGTERM or SIGINT. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "Run the service: follow Syncthing's events and the file system, archive within seconds, until stopped.",
    footer = {"", "SIGTERM/SIGINT stop it gracefully (the copy in flight ends or is abandoned, the ledger is closed);",
        "a second signal exits at once. Exit: 0 stopped, 2 usage or config error."})
final class RunCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  IngestCommand.Where where;

  @Option(names = "--layout", paramLabel = "TEMPLATE", description = "Archive layout (default {yyyy}/{MM}/{name}).")
  String layout;

  @Option(names = "--zone", paramLabel = "ZONE", description = "Time zone for UTC and file times (default: the system zone).")
  String zone;

  @Option(names = "--listen", paramLabel = "HOST:PORT", description = "HTTP address (default server.listen or 127.0.0.1:8787).")
  String listen;

  @Option(names = {"-v", "--verbose"}, description = "Log more (DEBUG): also each file skipped and each step of the loops."
      + " Every archived file, duplicate and .stversions rescue is logged anyway.")
  boolean verbose;

  @Spec CommandSpec spec;

  private final CountDownLatch stopped = new CountDownLatch(1);
  private final AtomicInteger signals = new AtomicInteger();

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    Logging.service(verbose);
    IngestSettings ingest;
    ServiceSettings service;
    SyncthingClient syncthing = null;
    NotifySettings notify;
    dev.keepsake.config.PushSettings push = dev.keepsake.config.PushSettings.NONE;
    try {
      java.nio.file.Path config = IngestCommand.configFile(where);
      if (config != null) {
        ConfigSources.Loaded loaded = ConfigSources.load(config, layout, zone, FolderPaths.WhenUnknown.WAIT);
        ingest = loaded.ingest();
        service = listen == null ? loaded.service() : withListen(loaded.service(), listen);
        syncthing = loaded.syncthing();
        notify = loaded.notifications();
        push = loaded.push();
      } else {
        ingest = IngestSettings.fromFlags(where.flags.sources, where.flags.archive, layout, zone);
        service = ServiceSettings.defaults(listen);
        notify = NotifySettings.from(null, null, ingest.archiveRoot(), ingest.zone(), service.warnings());
      }
    } catch (ConfigException e) {
      err.println("keepsake: " + e.getMessage());
      return Main.USAGE;
    }
    service.warnings().forEach(w -> log.warn("{}", w));
    Service runner;
    try {
      runner = Service.start(ingest, service, syncthing, notify, push, Clock.system(ingest.zone()));
    } catch (ArchiveUnavailableException | LedgerException e) {
      err.println("keepsake: " + e.getMessage());
      return Main.USAGE;
    } catch (IOException e) {
      err.println("keepsake: cannot start: " + e.getMessage() + " (is " + service.listen() + " in use? set server.listen)");
      return Main.USAGE;
    }
    err.println("keepsake: running; http://" + Service.hostPort(runner.server()) + "/api/status");
    err.flush();
    for (String name : List.of("TERM", "INT")) {
      Signal.handle(new Signal(name), s -> onSignal());
    }
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    log.warn("stopping: finishing the copy in flight, then closing the ledger");
    runner.close();
    log.warn("stopped");
    return 0;
  }

  private void onSignal() {
    if (signals.incrementAndGet() > 1) {
      Runtime.getRuntime().halt(130); // second signal: at once (temp files are cleaned on the next start)
    }
    stopped.countDown();
  }

  private static ServiceSettings withListen(ServiceSettings s, String listen) throws ConfigException {
    return s.withListen(ServiceSettings.defaults(listen).listen());
  }

}
