package dev.keepsake.cli;

import dev.keepsake.app.ImportJob;
import dev.keepsake.app.Keepsake;
import dev.keepsake.config.ConfigException;
import dev.keepsake.config.IngestSettings;
import dev.keepsake.importing.ImportTally;
import dev.keepsake.ingest.ArchiveUnavailableException;
import dev.keepsake.ingest.IngestOptions;
import dev.keepsake.ledger.LedgerException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code keepsake import}: an old library into the archive, a summary, an exit code. */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {"Bring an old library into the archive: folders and Google Takeout .zip/.tgz parts, read in place.",
        "Each photo once (the phone's copies and album repeats are recognised), dated as ingest dates",
        "them with Takeout's photoTakenTime after the file's own metadata. Run it again with the same",
        "paths to go on where it stopped. A dry run of a part reads each file through the system's temp."},
    footer = {"", "Exit: 0 all imported (or already there), 1 some files failed (listed), 2 usage or config error."})
final class ImportCommand implements Callable<Integer> {
  static final class Where {
    @Option(names = "--config", paramLabel = "FILE", description = "Config file: its archive, zone and layout (default /etc/keepsake/keepsake.yaml).")
    Path config;

    @Option(names = "--archive", paramLabel = "DIR", description = "The archive folder (instead of a config).")
    Path archive;
  }

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  Where where;

  @Option(names = "--as", paramLabel = "NAME", defaultValue = "import",
      description = "Source name the files are recorded under, shown by why and the weekly report (default import).")
  String name;

  @Option(names = "--dry-run", description = "Show what would be imported; write nothing.")
  boolean dryRun;

  @Option(names = "--max-rate", paramLabel = "MB/s", defaultValue = "0",
      description = "Import at most this many megabytes a second (default: no cap); a .tgz part's first pass, for its sidecars, is not capped.")
  double maxRate;

  @Option(names = "--zone", paramLabel = "ZONE", description = "Time zone for UTC and file times (default: the config's, else the system zone).")
  String zone;

  @Option(names = {"-v", "--verbose"}, description = "Print every imported file.")
  boolean verbose;

  @Parameters(paramLabel = "PATH", arity = "1..*", description = "Folders, and Takeout .zip or .tgz parts (all parts of one export together).")
  List<Path> paths;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (verbose) {
      Logging.verbose();
    }
    Instant start = Instant.now();
    IngestOptions options;
    List<Path> roots;
    try {
      if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
        throw new ConfigException("--as " + name + ": a source name is letters, digits, '.', '_' and '-'");
      }
      if (maxRate < 0 || Double.isNaN(maxRate) || Double.isInfinite(maxRate)) {
        throw new ConfigException("--max-rate " + maxRate + ": give megabytes a second, above 0 (or leave it out for no cap)");
      }
      IngestSettings settings;
      if (where != null && where.archive != null) {
        settings = IngestSettings.fromFlags(List.of(), where.archive, null, zone);
      } else {
        Path config = where != null && where.config != null ? where.config : ConfigSources.DEFAULT_CONFIG;
        if (!java.nio.file.Files.exists(config)) {
          throw new ConfigException("no config at " + config + ": pass --config FILE or --archive DIR");
        }
        List<String> notes = new ArrayList<>();
        settings = ConfigSources.loadForIngest(config, null, zone, notes);
        if (settings.sources().stream().anyMatch(source -> source.name().equals(name))) {
          throw new ConfigException("--as " + name + " is a source of " + config + ": imported files would be taken"
              + " for that phone's (and reported deleted from it); give the import a name of its own");
        }
      }
      options = Keepsake.options(settings, Clock.system(settings.zone()), dryRun);
      roots = ImportJob.roots(paths, options);
    } catch (ConfigException e) {
      err.println("keepsake: " + e.getMessage());
      return Main.USAGE;
    }
    ConsoleListener console = new ConsoleListener(out, err, verbose || dryRun, dryRun, ProgressLine.forTerminal(err));
    ImportTally tally;
    try {
      tally = ImportJob.run(options, roots, name, maxRate, console);
    } catch (ArchiveUnavailableException | LedgerException e) {
      err.println("keepsake: " + e.getMessage());
      return Main.USAGE;
    } finally {
      console.finish();
    }
    if (dryRun) {
      out.println("dry run: nothing was written");
    }
    tally.summary().forEach(line -> out.println(dev.keepsake.source.SourcePaths.printable(line)));
    if (tally.stopReason() != null) {
      err.println(dev.keepsake.source.SourcePaths.printable("keepsake: import stopped: " + tally.stopReason()));
    }
    out.println("took " + Duration.between(start, Instant.now()).toSeconds() + " s");
    out.flush();
    return tally.failed() > 0 ? 1 : 0;
  }
}
