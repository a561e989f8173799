package dev.keepsake.importing;

import dev.keepsake.ingest.CaptureHints;
import dev.keepsake.source.SourcePaths;
import dev.keepsake.takeout.FolderSidecars;
import dev.keepsake.takeout.TakeoutFolders;
import dev.keepsake.takeout.TakeoutJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Imports the parts of a Takeout export given as {@code .zip} files, read in place: no extracted
 * copy of the export is ever made. Each part is taken a folder at a time (its directory says what is
 * where), through a {@link Stager}; a folder's sidecars are read from every part (a photo and its
 * sidecar can be in different parts), and only the sidecars' names are kept between folders.
 * Entry names that would leave their folder ({@code ..}, absolute) are refused, each named.
 */
final class ZipImporter {
  private record Part(Path path, ZipFile zip) {}

  private final Stager stager;
  private final ImportTally listener;

  ZipImporter(Stager stager, ImportTally listener) {
    this.stager = stager;
    this.listener = listener;
  }

  /** Imports the parts {@code zips} (real paths). */
  void run(List<Path> zips) throws IOException {
    List<Part> parts = new ArrayList<>();
    try {
      for (Path zip : zips) {
        parts.add(new Part(zip, new ZipFile(zip.toFile(), StandardCharsets.UTF_8)));
      }
      Map<String, List<String[]>> sidecarsByFolder = sidecarNames(parts);
      for (boolean yearFolders : new boolean[] {true, false}) { // Takeout's year folders first: see TakeoutFolders
        for (Part part : parts) {
          for (Map.Entry<String, List<ZipEntry>> folder : folders(part, yearFolders).entrySet()) {
            importFolder(part, folder.getKey(), folder.getValue(), parts, sidecarsByFolder);
          }
        }
      }
    } finally {
      for (Part part : parts) {
        part.zip().close();
      }
    }
  }

  /** Adds the part's files (not sidecars) and their bytes to {@code total}, from its directory. */
  static void count(Path zip, long[] total) throws IOException {
    try (ZipFile z = new ZipFile(zip.toFile(), StandardCharsets.UTF_8)) {
      Enumeration<? extends ZipEntry> entries = z.entries();
      while (entries.hasMoreElements()) {
        ZipEntry e = entries.nextElement();
        if (!e.isDirectory() && !FolderSidecars.isSidecarName(TarReader.fileName(e.getName()))) {
          total[0]++;
          total[1] += Math.max(0, e.getSize());
        }
      }
    }
  }

  /** Every part's sidecar entries, by folder: {part index, entry name}. */
  private static Map<String, List<String[]>> sidecarNames(List<Part> parts) {
    Map<String, List<String[]>> byFolder = new HashMap<>();
    for (int i = 0; i < parts.size(); i++) {
      Enumeration<? extends ZipEntry> entries = parts.get(i).zip().entries();
      while (entries.hasMoreElements()) {
        ZipEntry e = entries.nextElement();
        if (!e.isDirectory() && FolderSidecars.isSidecarName(TarReader.fileName(e.getName()))) {
          byFolder.computeIfAbsent(TarReader.folderOf(e.getName()), f -> new ArrayList<>())
              .add(new String[] {Integer.toString(i), e.getName()});
        }
      }
    }
    return byFolder;
  }

  /**
   * The part's files that are not sidecars, in its year folders or in its other folders, by folder,
   * in name order; refused names said (once: each entry belongs to one round).
   */
  private Map<String, List<ZipEntry>> folders(Part part, boolean yearFolders) {
    Map<String, List<ZipEntry>> folders = new TreeMap<>();
    java.util.Set<String> names = new java.util.HashSet<>();
    Enumeration<? extends ZipEntry> entries = part.zip().entries();
    while (entries.hasMoreElements()) {
      ZipEntry e = entries.nextElement();
      if (e.isDirectory() || FolderSidecars.isSidecarName(TarReader.fileName(e.getName()))) {
        continue;
      }
      String folder = TarReader.folderOf(e.getName());
      if (TakeoutFolders.isYearFolder(folder) != yearFolders) {
        continue;
      }
      if (!names.add(e.getName())) { // a zip is read by entry name: the second of a name cannot be reached
        listener.problem(part.path() + " names " + SourcePaths.printable(e.getName()) + " twice: only the first could"
            + " be read; extract the part (unzip asks what to do with the second) and import the folder");
        continue;
      }
      if (refused(listener, part.path(), e.getName()) || SourcePaths.isIgnored(e.getName())) {
        continue;
      }
      folders.computeIfAbsent(folder, f -> new ArrayList<>()).add(e);
    }
    folders.values().forEach(list -> list.sort(Comparator.comparing(ZipEntry::getName)));
    return folders;
  }

  /** True (and said) when an entry's name would leave its folder. */
  static boolean refused(ImportTally listener, Path part, String entryName) {
    String problem = SourcePaths.problem(entryName);
    if (problem == null) {
      return false;
    }
    listener.problem(part + ": entry " + SourcePaths.printable(entryName) + " refused: " + problem
        + "; nothing was extracted for it");
    return true;
  }

  private void importFolder(Part part, String folder, List<ZipEntry> entries, List<Part> parts,
      Map<String, List<String[]>> sidecarsByFolder) throws IOException {
    FolderSidecars sidecars = new FolderSidecars();
    for (String[] ref : sidecarsByFolder.getOrDefault(folder, List.of())) {
      ZipFile zip = parts.get(Integer.parseInt(ref[0])).zip();
      ZipEntry json = zip.getEntry(ref[1]);
      if (json != null) {
        try (InputStream in = zip.getInputStream(json)) {
          TakeoutJson.read(in).ifPresent(s -> sidecars.add(TarReader.fileName(ref[1]), s));
        } catch (IOException unreadable) {
          // a sidecar that cannot be read dates nothing
        }
      }
    }
    CaptureHints hints = FolderImporter.hints(sidecars);
    for (ZipEntry e : entries) {
      String relative = Stager.relative(part.path(), e.getName());
      if (!stager.importedBefore(relative, e.getSize(), e.getLastModifiedTime())) {
        stager.stage(part.path(), e.getName(), relative, e.getSize(), e.getLastModifiedTime(),
            () -> part.zip().getInputStream(e), hints);
      }
    }
    stager.flush(hints);
  }
}
