package dev.keepsake.cli;

import dev.keepsake.app.FolderPaths;
import dev.keepsake.app.Keepsake;
import dev.keepsake.app.VerifyJob;
import dev.keepsake.archive.ArchiveRoot;
import dev.keepsake.archive.Verifier;
import dev.keepsake.config.ConfigException;
import dev.keepsake.config.IngestSettings;
import dev.keepsake.ingest.ArchiveUnavailableException;
import dev.keepsake.ledger.LedgerException;
import dev.keepsake.notify.HumanText;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Commands that look after an archive: {@code verify} and {@code rebuild-ledger}. */
final class MaintenanceCommands {
  private MaintenanceCommands() {}

  /** Where the archive is: from the config, or given directly. */
  static final class ArchiveChoice {
    @Option(names = "--config", paramLabel = "FILE", description = "Config file (default /etc/keepsake/keepsake.yaml).")
    Path config;

    @Option(names = "--archive", paramLabel = "DIR", description = "The archive folder (instead of a config).")
    Path archive;

    /** Archive root, ledger file, zone. */
    record Resolved(Path root, Path ledger, ZoneId zone) {}

    Resolved resolve() throws ConfigException {
      if (archive != null) {
        Path root = archive.toAbsolutePath().normalize();
        return new Resolved(root, ArchiveRoot.defaultLedger(root), ZoneId.systemDefault());
      }
      // the archive, the ledger and the zone only: no Syncthing, no secret (a missing API key file stops nothing here)
      Path file = config != null ? config : ConfigSources.DEFAULT_CONFIG;
      dev.keepsake.config.KeepsakeConfig parsed = dev.keepsake.config.ConfigLoader.load(file);
      Path ledger = IngestSettings.ledgerFileOf(parsed, file);
      IngestSettings s = IngestSettings.fromConfig(parsed, file, id -> {
        Path kept = FolderPaths.kept(ledger, id);
        if (kept == null) {
          throw new IngestSettings.FolderPending("syncthing-folder " + id + ": not placed yet");
        }
        return kept;
      });
      return new Resolved(s.archiveRoot(), s.effectiveLedgerFile(), s.zone());
    }
  }

  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description = "Re-hash archived files against the ledger: list missing, corrupt and unknown files (a mock recovery).",
      footer = {"", "Exit: 0 all present and intact, 1 something missing or corrupt, 2 usage or config error."})
  static final class Verify implements Callable<Integer> {
    @ArgGroup(exclusive = true)
    ArchiveChoice where = new ArchiveChoice();

    static final class How {
      @Option(names = "--sample", paramLabel = "N", description = "Check N files chosen at random.")
      Integer sample;

      @Option(names = "--all", description = "Check every file (the default).")
      boolean all;
    }

    @ArgGroup(exclusive = true)
    How how = new How();

    @Option(names = "--since", converter = DayConverter.class, paramLabel = "DATE", description = "Only files archived since this day (yyyy-MM-dd, today, yesterday, 7d).")
    LocalDate since;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      ArchiveChoice.Resolved r;
      try {
        r = (where == null ? new ArchiveChoice() : where).resolve();
      } catch (ConfigException e) {
        err.println("keepsake: " + e.getMessage());
        return Main.USAGE;
      }
      if (how != null && how.sample != null && how.sample < 1) {
        err.println("keepsake: --sample: " + how.sample + " is not a number of files; give 1 or more (or --all)");
        return Main.USAGE;
      }
      if (!Files.exists(r.ledger())) {
        err.println("keepsake: no ledger at " + r.ledger() + ": nothing to verify against (keepsake rebuild-ledger makes one from the archive)");
        return Main.USAGE;
      }
      Verifier.Result result;
      Verifier.Findings findings = new Verifier.Findings() { // told as found: nothing is collected
        @Override
        public void missing(String path) {
          err.println("missing: " + dev.keepsake.source.SourcePaths.printable(path)
              + " (restore it from a backup; if you removed it on purpose, keepsake forget it)");
        }

        @Override
        public void corrupt(String path, String why) {
          err.println("corrupt: " + dev.keepsake.source.SourcePaths.printable(path) + " (" + why + "; restore it from a backup)");
        }

        @Override
        public void unknown(String path) {
          out.println("unknown: " + dev.keepsake.source.SourcePaths.printable(path) + " (in the archive, not in the ledger)");
        }
      };
      ProgressLine progress = ProgressLine.forTerminal(err);
      VerifyJob.Selection selection = how != null && how.sample != null
          ? new VerifyJob.Selection.Sample(how.sample)
          : new VerifyJob.Selection.All(since == null ? null : since.atStartOfDay(r.zone()).toInstant());
      try {
        result = VerifyJob.once(r.root(), r.ledger(), selection, new VerifyJob.Progress() {
          @Override
          public void plan(long files, long bytes) {
            progress.plan((int) Math.min(Integer.MAX_VALUE, files), bytes);
          }

          @Override
          public void advance(long bytes) {
            progress.advance(bytes);
          }
        }, findings);
      } catch (LedgerException | IOException e) {
        err.println("keepsake: " + e.getMessage());
        return Main.USAGE;
      } finally {
        progress.clear();
      }
      out.println(result.line());
      out.flush();
      return result.ok() ? 0 : 1;
    }
  }

  @Command(
      name = "rebuild-ledger",
      mixinStandardHelpOptions = true,
      description = "Rebuild a lost ledger's content rows from the archive itself (hash + capture date); nothing in the archive moves.",
      footer = {"", "Exit: 0 rebuilt, 1 some files could not be read, 2 usage error (e.g. a ledger already exists)."})
  static final class RebuildLedger implements Callable<Integer> {
    @Option(names = "--archive", paramLabel = "DIR", required = true, description = "The archive folder.")
    Path archive;

    @Option(names = "--ledger", paramLabel = "FILE", description = "Ledger to create (default <archive>/.keepsake/ledger.db).")
    Path ledgerFile;

    @Option(names = "--zone", paramLabel = "ZONE", description = "Zone for UTC times (default: the system zone).")
    String zone;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      Path root = archive.toAbsolutePath().normalize();
      Path file = ledgerFile != null ? ledgerFile : ArchiveRoot.defaultLedger(root);
      if (!Files.isDirectory(root)) {
        err.println("keepsake: --archive: " + root + " is not a folder");
        return Main.USAGE;
      }
      if (Files.exists(file)) {
        err.println("keepsake: a ledger exists at " + file + "; move it aside first (rebuild-ledger never overwrites one)");
        return Main.USAGE;
      }
      ZoneId z;
      try {
        z = zone == null ? ZoneId.systemDefault() : ZoneId.of(zone);
      } catch (java.time.DateTimeException e) {
        err.println("keepsake: --zone: '" + zone + "' is not a time zone");
        return Main.USAGE;
      }
      Instant start = Instant.now();
      List<String> skipped = new ArrayList<>();
      long[] notMedia = {0};
      int added;
      try {
        added = Keepsake.rebuildLedger(root, file, z, Clock.system(z), skipped, rel -> {
          if (notMedia[0]++ < 20) {
            out.println("not media, left as it is: " + rel);
          }
        });
      } catch (ArchiveUnavailableException | IOException | LedgerException e) {
        err.println("keepsake: " + e.getMessage());
        return Main.USAGE;
      }
      skipped.forEach(s -> err.println("skipped: " + s));
      if (notMedia[0] > 20) {
        out.println("… and " + (notMedia[0] - 20) + " more files that are not media");
      }
      out.println("rebuilt " + added + " content rows from " + root + " into " + file + " in "
          + Duration.between(start, Instant.now()).toSeconds() + " s"
          + (notMedia[0] == 0 ? "" : " (" + HumanText.count(notMedia[0], "file") + " not media, not recorded)")
          + "; the next ingest records the source paths again");
      out.flush();
      return skipped.isEmpty() ? 0 : 1;
    }
  }
}
