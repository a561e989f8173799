package dev.keepsake.app;

import dev.keepsake.config.ConfigException;
import dev.keepsake.config.IngestSettings;
import dev.keepsake.importing.ImportTally;
import dev.keepsake.importing.Importer;
import dev.keepsake.ingest.ArchiveUnavailableException;
import dev.keepsake.ingest.Archiver;
import dev.keepsake.ingest.IngestListener;
import dev.keepsake.ingest.IngestOptions;
import dev.keepsake.ingest.RetryPolicy;
import dev.keepsake.source.PathFilter;
import dev.keepsake.source.Source;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code keepsake import}: checks the paths, opens the archive (its lock and ledger, as
 * {@code ingest} does) and runs an {@link Importer} over them.
 */
public final class ImportJob {
  private ImportJob() {}

  /**
   * The folders and Takeout parts to import, as real paths, after checking each exists, is a folder
   * or a readable {@code .zip}/{@code .tgz}, and neither holds nor lies in the archive (or its ledger).
   *
   * @throws ConfigException naming the path and the fix
   */
  public static List<Path> roots(List<Path> paths, IngestOptions options) throws ConfigException {
    List<Path> roots = new ArrayList<>();
    List<Source> asSources = new ArrayList<>();
    for (Path path : paths) {
      if (Files.isRegularFile(path) && (Importer.isZip(path) || Importer.isTgz(path))) {
        roots.add(part(path, options));
        continue;
      }
      if (!Files.isDirectory(path)) {
        throw new ConfigException(path + (Files.exists(path, LinkOption.NOFOLLOW_LINKS) ? " is neither a folder nor a .zip or .tgz part"
            : " does not exist") + ": give a folder (an old DCIM dump, an extracted Google Takeout) or Takeout's .zip or .tgz parts");
      }
      Path real;
      try {
        real = path.toRealPath();
      } catch (IOException e) {
        throw new ConfigException(path + " cannot be read: " + e.getMessage());
      }
      roots.add(real);
      asSources.add(new Source("path" + asSources.size(), real, PathFilter.of(List.of(), List.of()), false));
    }
    IngestSettings.checkOverlaps(options.archiveRoot(), "the archive", options.effectiveLedgerFile(), asSources,
        name -> "import path " + asSources.get(Integer.parseInt(name.substring(4))).root());
    return roots;
  }

  /** A Takeout part: a readable {@code .zip} or {@code .tgz} outside the archive, as its real path. */
  private static Path part(Path path, IngestOptions options) throws ConfigException {
    Path real;
    try {
      real = path.toRealPath();
    } catch (IOException e) {
      throw new ConfigException(path + " cannot be read: " + e.getMessage());
    }
    try {
      Path archive = options.archiveRoot().toRealPath();
      if (real.startsWith(archive)) {
        throw new ConfigException(path + " is inside the archive " + archive + ": move it out of the archive first");
      }
    } catch (IOException archiveMissing) {
      // said when the archive is opened, with its fix (mount its disk): not this part's fault
    }
    if (Importer.isZip(real) != Importer.isZip(path) || Importer.isTgz(real) != Importer.isTgz(path)) {
      throw new ConfigException(path + " is a link to " + real + ", whose name does not say .zip or .tgz: give the part itself");
    }
    String problem = Importer.unreadablePart(real);
    if (problem != null) {
      throw new ConfigException(path + " is not a readable " + (Importer.isZip(real) ? "zip" : "tgz") + " (" + problem
          + "): a part that is still downloading or was cut short; download it again");
    }
    return real;
  }

  /**
   * Imports {@code roots} under source {@code name}, reading at most {@code maxRate} MB/s (0: no cap).
   * A stop part-way (the disk full, a folder gone) is kept in the tally, with what was done before it.
   *
   * @throws ArchiveUnavailableException when the archive cannot be opened (missing, locked by a running service…)
   */
  public static ImportTally run(IngestOptions options, List<Path> roots, String name, double maxRate, IngestListener console)
      throws ArchiveUnavailableException {
    ImportTally tally = new ImportTally(console, maxRate, options.dryRun());
    try (Keepsake keepsake = Keepsake.open(options);
        Archiver archiver = keepsake.archiver(tally, source -> Duration.ZERO, RetryPolicy.defaults())) {
      // a part's files are extracted a few at a time next to the archive (its disk, its state folder);
      // a dry run writes nothing there, and stages one file at a time in the system's temp instead
      Path scratch = options.dryRun() ? Files.createTempDirectory("keepsake-import-") : null;
      try {
        Path staging = scratch != null ? scratch.resolve("staging") : options.stateDir().resolve("import-staging");
        new Importer(archiver, tally).run(roots, name, staging, options.dryRun());
      } finally {
        if (scratch != null) {
          Files.deleteIfExists(scratch);
        }
      }
    } catch (IOException | RuntimeException stopped) { // what was done stays done; the summary says where it stopped
      tally.stopped(stopped.getMessage() == null ? stopped.toString() : stopped.getMessage());
    }
    return tally;
  }
}
