package dev.keepsake.cli;

import dev.keepsake.app.Keepsake;
import dev.keepsake.config.ConfigException;
import dev.keepsake.config.IngestSettings;
import dev.keepsake.ingest.ArchiveUnavailableException;
import dev.keepsake.ingest.IngestOptions;
import dev.keepsake.ingest.IngestSummary;
import dev.keepsake.ledger.LedgerException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code keepsake ingest}: one pass over the sources, a summary line, an exit code. */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description = "Copy every new photo and video from the sources into the archive, then exit.",
    footer = {"", "Exit: 0 all archived (or already), 1 some files failed (listed on stderr), 2 usage or config error."})
final class IngestCommand implements Callable<Integer> {

  static final class Where {
    @Option(names = "--config", paramLabel = "FILE", required = true,
        description = "Configuration file (YAML; default /etc/keepsake/keepsake.yaml).")
    Path config;

    @ArgGroup(exclusive = false)
    Flags flags;
  }

  static final class Flags {
    @Option(names = "--source", paramLabel = "DIR", required = true, description = "Source folder (repeatable).")
    List<Path> sources;

    @Option(names = "--archive", paramLabel = "DIR", required = true, description = "Archive folder (must exist).")
    Path archive;
  }

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  Where where;

  /**
   * The config to read: the one given, else the default config (as every other command does);
   * null when {@code --source/--archive} are given instead.
   *
   * @throws ConfigException when nothing is given and the default config does not exist
   */
  static Path configFile(Where where) throws ConfigException {
    if (where == null) {
      if (!java.nio.file.Files.exists(ConfigSources.DEFAULT_CONFIG)) {
        throw new ConfigException("no --config given and " + ConfigSources.DEFAULT_CONFIG + " does not exist:"
            + " pass --config FILE, or --source DIR --archive DIR");
      }
      return ConfigSources.DEFAULT_CONFIG;
    }
    return where.config;
  }

  @Option(names = "--layout", paramLabel = "TEMPLATE", description = "Archive layout (default {yyyy}/{MM}/{name}).")
  String layout;

  @Option(names = "--zone", paramLabel = "ZONE", description = "Time zone for UTC and file times (default: the system zone).")
  String zone;

  @Option(names = "--dry-run", description = "Show what would be archived; write nothing.")
  boolean dryRun;

  @Option(names = {"-v", "--verbose"}, description = "Print every archived file and log more.")
  boolean verbose;

  @Spec CommandSpec spec;

  /** The paths the {@code syncthing-folder} sources were found at, to keep for runs when Syncthing is down. */
  static Map<String, Path> folderPaths(IngestSettings settings) {
    Map<String, Path> paths = new java.util.HashMap<>();
    for (var source : settings.sources()) {
      String id = settings.folderIds().get(source.name());
      if (id != null) {
        paths.put(id, source.root());
      }
    }
    return paths;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (verbose) {
      Logging.verbose();
    }
    Instant start = Instant.now();
    IngestSettings settings;
    try {
      Path config = configFile(where);
      if (config != null) {
        List<String> notes = new java.util.ArrayList<>();
        settings = ConfigSources.loadForIngest(config, layout, zone, notes);
        notes.forEach(n -> err.println("keepsake: " + n));
      } else {
        settings = IngestSettings.fromFlags(where.flags.sources, where.flags.archive, layout, zone);
      }
    } catch (ConfigException e) {
      err.println("keepsake: " + e.getMessage());
      return Main.USAGE;
    }
    IngestOptions options = Keepsake.options(settings, Clock.system(settings.zone()), dryRun);
    ConsoleListener listener = new ConsoleListener(out, err, verbose || dryRun, dryRun, ProgressLine.forTerminal(err));
    IngestSummary summary;
    try {
      summary = Keepsake.ingestOnce(options, settings.sources(), listener, dryRun ? Map.of() : folderPaths(settings));
    } catch (ArchiveUnavailableException e) {
      err.println("keepsake: " + e.getMessage());
      return Main.USAGE;
    } catch (LedgerException e) {
      err.println("keepsake: " + e.getMessage());
      return Main.USAGE;
    } finally {
      listener.finish();
    }
    if (dryRun) {
      out.println("dry run: nothing was written");
    }
    out.println(summary.line(Duration.between(start, Instant.now())));
    out.flush();
    return summary.failed() > 0 ? 1 : 0;
  }
}
