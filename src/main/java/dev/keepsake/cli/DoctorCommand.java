package dev.keepsake.cli;

import dev.keepsake.app.FolderMatch;
import dev.keepsake.app.FolderPaths;
import dev.keepsake.config.ConfigException;
import dev.keepsake.config.ConfigLoader;
import dev.keepsake.config.IngestSettings;
import dev.keepsake.config.KeepsakeConfig;
import dev.keepsake.config.NotifySettings;
import dev.keepsake.config.ServiceSettings;
import dev.keepsake.ledger.LedgerException;
import dev.keepsake.ledger.LedgerInfo;
import dev.keepsake.notify.MailException;
import dev.keepsake.notify.MailMessage;
import dev.keepsake.notify.SmtpTransport;
import dev.keepsake.notify.Transports;
import dev.keepsake.source.Source;
import dev.keepsake.syncthing.FolderInfo;
import dev.keepsake.syncthing.SyncthingClient;
import dev.keepsake.syncthing.SyncthingException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code keepsake doctor}: one line per check — ok, warn or FAIL — each FAIL with its fix. */
@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    description = "Check the config, sources, archive, ledger, Syncthing, SMTP and the HTTP port; one line per check.",
    footer = {"", "Exit: 0 no FAIL (warnings allowed), 1 at least one FAIL."})
final class DoctorCommand implements Callable<Integer> {
  @Option(names = "--config", paramLabel = "FILE", description = "Config file (default /etc/keepsake/keepsake.yaml).")
  Path config = ConfigSources.DEFAULT_CONFIG;

  @Option(names = "--send-test", description = "Also send a test message through mail and every push channel"
      + " (otherwise each is only asked whether it answers).")
  boolean sendTest;

  @Spec CommandSpec spec;

  private PrintWriter out;
  private int failures;

  private void ok(String what) {
    out.println("ok    " + what);
  }

  private void warn(String what) {
    out.println("warn  " + what);
  }

  private void fail(String what) {
    out.println("FAIL  " + what);
    failures++;
  }

  @Override
  public Integer call() {
    out = spec.commandLine().getOut();
    KeepsakeConfig parsed;
    try {
      parsed = ConfigLoader.load(config);
      ok("config " + config + " parses; every key is known");
    } catch (ConfigException e) {
      fail(e.getMessage());
      return done();
    }
    String encoding = dev.keepsake.fs.FileNameEncoding.problem();
    if (encoding != null) {
      fail(encoding);
    } else {
      ok("file names are read as UTF-8");
    }
    if (!dev.keepsake.fs.ConfinedRoot.foldersBound()) {
      warn("this JVM cannot bind paths to open folders (run it with java -jar, which opens java.base/sun.nio.fs,"
          + " and with /proc mounted): links are still refused, but a folder swapped for a link at the very moment"
          + " of a write is caught after the fact instead of never reached");
    }
    ServiceSettings service;
    try {
      service = ServiceSettings.fromConfig(parsed, config, System.getenv());
      service.warnings().forEach(this::warn);
    } catch (ConfigException e) {
      fail(e.getMessage());
      // one FAIL does not hide the others: go on without Syncthing and the server's secrets
      KeepsakeConfig without = new KeepsakeConfig(parsed.archive(), parsed.sources(), null, parsed.ledger(), parsed.settle(),
          parsed.reconcile(), parsed.notifications(), parsed.server() == null ? null
          : new KeepsakeConfig.Server(parsed.server().listen(), null, parsed.server().publicUrl()), parsed.verify(), parsed.retry(), parsed.silence());
      try {
        service = ServiceSettings.fromConfig(without, config, java.util.Map.of());
      } catch (ConfigException alsoWrong) {
        fail(alsoWrong.getMessage());
        return done();
      }
    }
    SyncthingClient syncthing = service.syncthingUrl() == null ? null : new SyncthingClient(service.syncthingUrl(), service.syncthingKey());
    boolean syncthingOk = syncthing == null || checkSyncthing(syncthing);
    IngestSettings ingest;
    List<String> notes = new ArrayList<>();
    try {
      // one FAIL per cause: Syncthing down is said once above; its folders then come from the ledger or wait
      IngestSettings.FolderResolver folders = syncthing == null && parsed.syncthing() != null
          ? id -> { // the key could not be read (said above): its folders wait, the other checks go on
            throw new IngestSettings.FolderPending("syncthing-folder " + id + ": its path is not known while Syncthing's key cannot be read");
          }
          : FolderPaths.resolver(syncthing, IngestSettings.ledgerFileOf(parsed, config), FolderPaths.WhenUnknown.WAIT, notes);
      ingest = IngestSettings.fromConfig(parsed, config, folders);
    } catch (ConfigException e) {
      fail(e.getMessage());
      return done();
    }
    notes.forEach(this::warn);
    for (IngestSettings.PendingSource p : ingest.pending()) {
      warn("source " + p.name() + ": its path is not known until Syncthing answers (" + p.folderId()
          + "); the service starts anyway and archives it once Syncthing says where it is");
    }
    for (Source s : ingest.sources()) {
      if (Files.isReadable(s.root()) && Files.isExecutable(s.root())) {
        ok("source " + s.name() + ": " + s.root() + " is readable");
      } else {
        fail("source " + s.name() + ": " + s.root() + " is not readable by this user; give it read access");
      }
    }
    checkArchive(ingest.archiveRoot());
    checkLedger(ingest.effectiveLedgerFile());
    if (syncthing != null && syncthingOk) {
      checkFolders(syncthing, ingest.sources(), ingest.folderIds());
    }
    try {
      List<String> mailWarnings = new ArrayList<>();
      NotifySettings notify = NotifySettings.from(parsed, config, ingest.archiveRoot(), ingest.zone(), mailWarnings);
      mailWarnings.forEach(this::warn);
      checkMail(notify);
    } catch (ConfigException e) {
      fail(e.getMessage());
    }
    try {
      List<String> pushWarnings = new ArrayList<>();
      checkPush(dev.keepsake.config.PushSettings.from(parsed, config, pushWarnings));
      pushWarnings.forEach(this::warn);
    } catch (ConfigException | IllegalArgumentException e) {
      fail(e.getMessage());
    }
    try (ServerSocket probe = new ServerSocket(service.listen().getPort(), 1, service.listen().getAddress())) {
      ok("server.listen " + service.listen().getHostString() + ":" + service.listen().getPort() + " is free");
    } catch (IOException e) {
      warn("server.listen " + service.listen().getHostString() + ":" + service.listen().getPort()
          + " is taken (" + e.getMessage() + "): fine if Keepsake itself runs; else choose another port");
    }
    return done();
  }

  private int done() {
    out.println(failures == 0 ? "no problems found" : failures + " problem" + (failures == 1 ? "" : "s") + " found");
    out.flush();
    return failures == 0 ? 0 : 1;
  }

  private boolean checkSyncthing(SyncthingClient syncthing) {
    try {
      syncthing.ping();
      ok("Syncthing at " + syncthing.baseUrl() + " answers and accepts the API key");
      return true;
    } catch (SyncthingException e) {
      fail("Syncthing: " + e.getMessage());
      return false;
    }
  }

  private void checkFolders(SyncthingClient syncthing, List<Source> sources, java.util.Map<String, String> folderIds) {
    try {
      List<FolderInfo> folders = syncthing.folders();
      for (Source s : sources) {
        FolderInfo match = folders.stream()
            .filter(f -> FolderMatch.sourceOf(f, sources, folderIds).filter(s::equals).isPresent()).findFirst().orElse(null);
        if (match == null) {
          warn("source " + s.name() + " is not a Syncthing folder: only the file watcher and reconcile scans cover it");
        } else if (!match.keepsDeletedFiles()) {
          warn("Syncthing folder " + match.id() + " has neither versioning nor ignoreDelete: a photo the phone deletes"
              + " quickly may vanish before it is copied; turn on trashcan versioning for it on the NAS");
        } else {
          ok("Syncthing folder " + match.id() + " keeps deleted files (" + (match.ignoreDelete() ? "ignoreDelete" : match.versioning() + " versioning") + ")");
        }
      }
    } catch (SyncthingException e) {
      fail("Syncthing folders: " + e.getMessage());
    }
  }


  private void checkArchive(Path root) {
    String problem = dev.keepsake.archive.ArchiveRoot.problem(root, true); // writing is probed below
    if (problem != null) {
      fail(problem);
      return;
    }
    try (var state = dev.keepsake.archive.ArchiveLock.stateFolder(root)) { // never through a link
      state.deleteIfExists(".doctor-probe");
      try (var probe = state.createNew(".doctor-probe")) {
        probe.write(java.nio.ByteBuffer.wrap("probe".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
      }
      state.delete(".doctor-probe");
      long free = Files.getFileStore(root).getUsableSpace();
      ok("archive " + root + " is writable; " + String.format(Locale.ROOT, "%.1f GiB", free / (double) (1L << 30)) + " free");
    } catch (dev.keepsake.fs.LinkOnPathException e) {
      fail("archive " + root + ": " + e.getMessage() + ": remove the link (Keepsake writes nothing through it)");
    } catch (IOException e) {
      fail("archive " + root + " is not writable (" + e.getMessage() + "): give the Keepsake user write access,"
          + " or check the disk is not mounted read-only");
    }
  }

  private void checkLedger(Path file) {
    if (!Files.exists(file)) {
      ok("ledger " + file + " does not exist yet: the first run creates it");
      return;
    }
    try {
      LedgerInfo.SchemaState state = LedgerInfo.inspect(file);
      int current = LedgerInfo.currentSchema();
      if (state.newer()) {
        fail("ledger " + file + " has schema " + state.version() + ", newer than this Keepsake's " + current + ": upgrade Keepsake");
      } else if (state.damaged()) {
        fail("ledger " + file + " is damaged (" + state.integrity() + "): move it aside and run keepsake rebuild-ledger");
      } else {
        ok("ledger " + file + " opens; schema " + state.version()
            + (state.older() ? " (upgraded to " + current + " on the next run)" : " is current"));
      }
    } catch (LedgerException e) {
      fail(e.getMessage());
    }
  }

  private void checkMail(NotifySettings notify) {
    if (notify.smtpHost() == null) {
      ok("mail goes to the outbox " + notify.outbox() + " (no notify.smtp set)");
      return;
    }
    SmtpTransport smtp = (SmtpTransport) Transports.from(notify, Clock.systemUTC());
    try {
      smtp.check();
      ok("SMTP " + notify.smtpHost() + ":" + notify.smtpPort() + " connects" + (notify.smtpUser() == null ? "" : " and accepts the login"));
      if (sendTest) {
        smtp.send(new MailMessage("[keepsake] doctor test", "A test from keepsake doctor --send-test.\n",
            "<p>A test from <b>keepsake doctor --send-test</b>.</p>", null));
        ok("test mail sent to " + notify.to());
      }
    } catch (MailException e) {
      fail("SMTP: " + e.getMessage());
    }
  }

  /** Each push channel: it answers (and accepts its token where the service can say), a test only with --send-test. */
  private void checkPush(dev.keepsake.config.PushSettings push) {
    for (dev.keepsake.push.PushChannel channel : dev.keepsake.app.Channels.digest(push)) {
      try {
        String what = channel.check();
        if (sendTest) {
          channel.send(new dev.keepsake.push.Push("[keepsake] doctor test", "A test from keepsake doctor --send-test.",
              dev.keepsake.push.Push.Priority.LOW, java.util.List.of("test_tube"), push.publicUrl(), null));
          what += "; a test message was sent";
        }
        ok(channel.describe() + " " + what);
      } catch (dev.keepsake.push.PushException e) {
        fail(e.getMessage());
      }
    }
    dev.keepsake.push.Ping ping = dev.keepsake.app.Channels.ping(push, java.time.Clock.systemUTC());
    if (ping != null) {
      try {
        ok(ping.describe() + " " + ping.check());
      } catch (dev.keepsake.push.PushException e) {
        fail(e.getMessage());
      }
    }
  }
}
