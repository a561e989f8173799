package dev.keepsake.importing;

import dev.keepsake.ingest.CaptureHints;
import dev.keepsake.source.SourcePaths;
import dev.keepsake.takeout.FolderSidecars;
import dev.keepsake.takeout.TakeoutFolders;
import dev.keepsake.takeout.TakeoutJson;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Imports the parts of a Takeout export given as {@code .tgz} files, streamed: a compressed tar has
 * no directory to look things up in, so every part is read twice — once for the sidecars (kept in
 * memory, a few hundred bytes each, for the whole export: a photo and its sidecar can be in
 * different parts), once for the photos, which go through a {@link Stager} as a zip's do. A run again
 * reads the parts through again, but extracts and copies only what an earlier run did not import.
 */
final class TgzImporter {
  private final Stager stager;
  private final ImportTally listener;

  TgzImporter(Stager stager, ImportTally listener) {
    this.stager = stager;
    this.listener = listener;
  }

  void run(List<Path> parts) throws IOException {
    Map<String, FolderSidecars> sidecars = new HashMap<>();
    long[] total = new long[2];
    java.util.Set<Path> damaged = new java.util.HashSet<>();
    for (Path part : parts) {
      String damage = readSidecars(part, sidecars, total);
      if (damage != null) {
        damaged.add(part);
        listener.problem(part + " is damaged or cut short (" + damage + "): no .tgz part was imported, since a"
            + " photo in any of them could have its sidecar past the damage and lose its date; download the part"
            + " again and run import again");
      }
    }
    if (!damaged.isEmpty()) {
      return; // the export is imported whole or not at all: a weak date given now could never be mended
    }
    if (total[0] > 0) {
      listener.plan(total[0], total[1]);
    }
    for (Path part : parts) {
      String prefix = part.toString().substring(1) + "/";
      CaptureHints hints = file -> {
        String entry = file.relative().startsWith(prefix) ? file.relative().substring(prefix.length()) : file.relative();
        FolderSidecars folder = sidecars.get(TarReader.folderOf(entry));
        java.time.Instant own = folder == null ? null : folder.takenAt(file.fileName()).orElse(null);
        boolean album = !TakeoutFolders.isYearFolder(TarReader.folderOf(entry));
        return own != null || !album ? own : fromYearFolders(sidecars, file.fileName());
      };
      try (InputStream in = open(part)) {
        TarReader tar = new TarReader(in);
        for (TarReader.Entry e = tar.next(); e != null; e = tar.next()) {
          String name = TarReader.fileName(e.name());
          if (e.isDirectory() || FolderSidecars.isSidecarName(name)) {
            continue;
          }
          if (!e.isFile()) {
            listener.problem(part + ": entry " + SourcePaths.printable(e.name()) + " is a link or device, not a file: left out");
            continue;
          }
          if (ZipImporter.refused(listener, part, e.name()) || SourcePaths.isIgnored(e.name())) {
            continue;
          }
          String relative = Stager.relative(part, e.name());
          if (!stager.importedBefore(relative, e.size(), e.mtime())) {
            stager.stage(part, e.name(), relative, e.size(), e.mtime(), tar::data, hints);
          }
        }
      } catch (Stager.NoRoomException full) {
        throw full; // the import stops, saying so
      } catch (IOException changed) { // read whole a moment ago: changed or damaged since
        stager.flush(hints); // what came before is imported
        listener.problem(part + ": " + Importer.said(changed) + "; the files after that point were not imported:"
            + " download the part again and run import again");
        continue;
      }
      stager.flush(hints);
    }
  }

  /**
   * An album's copy with no sidecar of its own, streamed before its year folder's copy: the one time
   * the year folders' sidecars give its name (none when they disagree).
   */
  private static java.time.Instant fromYearFolders(Map<String, FolderSidecars> sidecars, String fileName) {
    java.util.Set<java.time.Instant> times = new java.util.HashSet<>();
    sidecars.forEach((folder, s) -> {
      if (TakeoutFolders.isYearFolder(folder)) {
        s.takenAt(fileName).ifPresent(times::add);
      }
    });
    return times.size() == 1 ? times.iterator().next() : null;
  }

  /**
   * Reads the part's sidecars into {@code sidecars}, and counts its other files and bytes into
   * {@code total}; returns what is wrong with the part when it cannot be read to its end, else null.
   */
  private String readSidecars(Path part, Map<String, FolderSidecars> sidecars, long[] total) {
    try (InputStream in = open(part)) {
      TarReader tar = new TarReader(in);
      for (TarReader.Entry e = tar.next(); e != null; e = tar.next()) {
        String name = TarReader.fileName(e.name());
        if (e.isFile() && FolderSidecars.isSidecarName(name) && SourcePaths.problem(e.name()) == null) {
          String folder = TarReader.folderOf(e.name());
          TakeoutJson.read(tar.data()).ifPresent(s -> sidecars.computeIfAbsent(folder, f -> new FolderSidecars()).add(name, s));
        } else if (e.isFile()) {
          total[0]++;
          total[1] += e.size();
        }
      }
    } catch (IOException damaged) {
      return Importer.said(damaged);
    }
    return null;
  }

  private static InputStream open(Path part) throws IOException {
    InputStream file = Files.newInputStream(part);
    try {
      return new GZIPInputStream(new BufferedInputStream(file, 1 << 16), 1 << 16);
    } catch (IOException | RuntimeException notGzip) {
      file.close();
      throw notGzip;
    }
  }
}
