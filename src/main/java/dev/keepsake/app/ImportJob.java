package dev.keepsake.app;

import dev.keepsake.config.ConfigException;
import dev.keepsake.config.IngestSettings;
import dev.keepsake.importing.ImportTally;
import dev.keepsake.importing.Importer;
import dev.keepsake.importing.ZipImporter;
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
import java.util.Locale;

/**
 * {@code keepsake import}: checks the paths, opens the archive (its lock and ledger, as
 * {@code ingest} does) and runs an {@link Importer} over them.
 */
public final class ImportJob {
  private ImportJob() {}

  /**
   * The folders to import, as real paths, after checking each exists, is a folder and neither
   * holds nor lies in the archive (or its ledger).
   *
   * @throws ConfigException naming the path and the fix
   */
  public static List<Path> roots(List<Path> paths, IngestOptions options) throws ConfigException {
    List<Path> roots = new ArrayList<>();
    List<Source> asSources = new ArrayList<>();
    for (Path path : paths) {
      String lower = path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(Locale.ROOT);
      if (Files.isRegularFile(path) && (lower.endsWith(".tgz") || lower.endsWith(".tar.gz"))) {
        throw new ConfigException(path + " is a .tgz Takeout part: this release reads .zip parts in place, not .tgz;"
            + " ask Takeout for .zip parts, or extract it and import the folder");
      }
      if (Files.isRegularFile(path) && lower.endsWith(".zip")) {
        roots.add(zipPart(path, options));
        continue;
      }
      if (!Files.isDirectory(path)) {
        throw new ConfigException(path + (Files.exists(path, LinkOption.NOFOLLOW_LINKS) ? " is not a folder" : " does not exist")
            + ": give a folder to import (an old DCIM dump, an extracted Google Takeout)");
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

  /** A Takeout part: a readable zip outside the archive, as its real path. */
  private static Path zipPart(Path path, IngestOptions options) throws ConfigException {
    Path real;
    try {
      real = path.toRealPath();
      Path archive = options.archiveRoot().toRealPath();
      if (real.startsWith(archive)) {
        throw new ConfigException(path + " is inside the archive " + archive + ": move it out of the archive first");
      }
    } catch (IOException e) {
      throw new ConfigException(path + " cannot be read: " + e.getMessage());
    }
    try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(real.toFile(), java.nio.charset.StandardCharsets.UTF_8)) {
      zip.size();
    } catch (IOException e) {
      throw new ConfigException(path + " is not a readable zip (" + e.getMessage() + "): a part that is still"
          + " downloading or was cut short; download it again");
    }
    return real;
  }

  /**
   * Imports {@code roots} under source {@code name}, reading at most {@code maxRate} MB/s (0: no cap).
   *
   * @throws ArchiveUnavailableException when the archive cannot be opened (missing, locked by a running service…)
   */
  public static ImportTally run(IngestOptions options, List<Path> roots, String name, double maxRate, IngestListener console)
      throws ArchiveUnavailableException, IOException {
    ImportTally tally = new ImportTally(console, maxRate);
    try (Keepsake keepsake = Keepsake.open(options);
        Archiver archiver = keepsake.archiver(tally, source -> Duration.ZERO, RetryPolicy.defaults())) {
      List<Path> folders = roots.stream().filter(Files::isDirectory).toList();
      List<Path> zips = roots.stream().filter(p -> !Files.isDirectory(p)).toList();
      new Importer(archiver, tally).run(folders, name);
      if (!zips.isEmpty()) {
        // extracted a few files at a time next to the archive (its disk, its state folder); a dry run uses the system's temp
        Path scratch = options.dryRun() ? Files.createTempDirectory("keepsake-import-") : null;
        try {
          Path staging = scratch != null ? scratch.resolve("staging") : options.stateDir().resolve("import-staging");
          new ZipImporter(archiver, tally, staging).run(zips, name);
        } finally {
          if (scratch != null) {
            Files.deleteIfExists(scratch);
          }
        }
      }
    }
    return tally;
  }
}
