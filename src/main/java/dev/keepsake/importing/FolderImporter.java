package dev.keepsake.importing;

import dev.keepsake.ingest.Archiver;
import dev.keepsake.ingest.CaptureHints;
import dev.keepsake.ingest.PathSlices;
import dev.keepsake.source.Source;
import dev.keepsake.source.SourcePaths;
import dev.keepsake.takeout.FolderSidecars;
import dev.keepsake.takeout.TakeoutFolders;
import dev.keepsake.takeout.TakeoutJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Imports folders, one folder at a time: its photos and videos go through the same pass as
 * reported paths ({@link Archiver#ingestPaths}, 2,000 at a time), dated by the same chain with the
 * folder's Google Takeout sidecars after the files' own metadata. The sidecars of a folder are
 * gathered from that folder in every given path (a multi-part export puts a photo and its sidecar
 * in different parts). Memory is one folder's names and sidecars.
 *
 * <p>Files are recorded with their absolute path (without its leading {@code /}), so two imports of
 * different folders never share a row, and a run again with the same paths finds every file it
 * already did by a stat. Links are never followed (a folder or file reached through one is left out
 * and said).
 */
final class FolderImporter {
  private final Archiver archiver;
  private final ImportTally listener;

  FolderImporter(Archiver archiver, ImportTally listener) {
    this.archiver = archiver;
    this.listener = listener;
  }

  /**
   * Imports every folder in {@code roots} (real paths, folders) under the source {@code name}.
   *
   * @throws IOException when a root cannot be read at all
   */
  void run(List<Path> roots, String name) throws IOException {
    Source source = Importer.source(name);
    for (boolean yearFolders : new boolean[] {true, false}) { // Takeout's year folders first: see TakeoutFolders
      for (Path root : roots) {
        Deque<String> folders = new ArrayDeque<>();
        folders.push("");
        while (!folders.isEmpty()) {
          String folder = folders.pop();
          boolean now = TakeoutFolders.isYearFolder(folder) == yearFolders;
          List<String> subfolders = importFolder(source, roots, root, folder, now);
          for (int i = subfolders.size() - 1; i >= 0; i--) {
            folders.push(subfolders.get(i)); // depth first, in name order
          }
        }
      }
    }
  }

  /** Adds the files and bytes under {@code root} that an import looks at to {@code total}: a walk of stats, no reads. */
  static void count(Path root, long[] total) throws IOException {
    Files.walkFileTree(root, new java.nio.file.SimpleFileVisitor<>() {
      @Override
      public java.nio.file.FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
        if (attrs.isRegularFile() && !FolderSidecars.isSidecarName(file.getFileName().toString())) {
          total[0]++;
          total[1] += attrs.size();
        }
        return java.nio.file.FileVisitResult.CONTINUE;
      }

      @Override
      public java.nio.file.FileVisitResult visitFileFailed(Path file, IOException e) {
        return java.nio.file.FileVisitResult.CONTINUE; // said when the import comes to it
      }
    });
  }

  /** Imports one folder's files when {@code now}; returns its subfolders (relative to {@code root}), sorted. */
  private List<String> importFolder(Source source, List<Path> roots, Path root, String folder, boolean now) {
    Path dir = folder.isEmpty() ? root : root.resolve(folder);
    List<String> subfolders = new ArrayList<>();
    List<String> files = new ArrayList<>();
    List<Long> fileSizes = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        String entryName = entry.getFileName().toString();
        BasicFileAttributes attrs;
        try {
          attrs = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException gone) { // this entry alone: removed while listed, unreadable
          if (now) {
            listener.problem("cannot read " + entry + ": " + gone.getMessage() + "; it was not imported (run again once it can be read)");
          }
          continue;
        }
        String relative = folder.isEmpty() ? entryName : folder + "/" + entryName;
        if (attrs.isSymbolicLink()) {
          if (!now) {
            continue; // said in the folder's own round
          }
          listener.problem(dir.resolve(entryName) + " is a link: not followed, not imported; import the folder it points to");
        } else if (attrs.isDirectory()) {
          if (!SourcePaths.isIgnored(relative + "/x")) { // x: the folder as a folder, not as a file name
            subfolders.add(relative);
          }
        } else if (attrs.isRegularFile() && !FolderSidecars.isSidecarName(entryName)) {
          files.add(entryName);
          fileSizes.add(attrs.size());
        }
      }
    } catch (IOException | java.nio.file.DirectoryIteratorException e) {
      if (!now) {
        return List.of();
      }
      listener.problem("cannot read folder " + dir + ": " + e.getMessage() + "; its files were not imported (run again once it can be read)");
      return List.of();
    }
    subfolders.sort(null);
    if (now && !files.isEmpty()) {
      FolderSidecars sidecars = sidecars(roots, folder);
      CaptureHints hints = hints(sidecars);
      String prefix = SourcePaths.normalize(dir.toString().substring(1));
      List<String> paths = new ArrayList<>();
      java.util.Map<String, Long> sizes = new java.util.HashMap<>();
      for (int i = 0; i < files.size(); i++) {
        String path = prefix.isEmpty() ? files.get(i) : prefix + "/" + files.get(i);
        paths.add(path);
        sizes.put(path, fileSizes.get(i));
      }
      for (List<String> slice : PathSlices.of(paths, 2_000)) {
        listener.sliceStarted();
        listener.importedBefore(archiver.ingestPaths(source, slice, hints).unchanged());
        listener.sliceEnded(slice.size(), slice.stream().mapToLong(sizes::get).sum());
      }
    }
    return subfolders;
  }

  /** The sidecars of {@code folder} in every root that has it. */
  private FolderSidecars sidecars(List<Path> roots, String folder) {
    FolderSidecars sidecars = new FolderSidecars();
    for (Path root : roots) {
      Path dir = folder.isEmpty() ? root : root.resolve(folder);
      if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      try (DirectoryStream<Path> jsons = Files.newDirectoryStream(dir, "*.{json,JSON}")) {
        for (Path json : jsons) {
          Optional<TakeoutJson.Sidecar> read = readSidecar(json);
          read.ifPresent(s -> sidecars.add(json.getFileName().toString(), s));
        }
      } catch (IOException e) {
        listener.problem("cannot read the sidecars in " + dir + ": " + e.getMessage() + "; its photos are dated without them");
      }
    }
    return sidecars;
  }

  private static Optional<TakeoutJson.Sidecar> readSidecar(Path json) {
    try {
      if (!Files.isRegularFile(json, LinkOption.NOFOLLOW_LINKS)) {
        return Optional.empty();
      }
      try (InputStream in = Files.newInputStream(json, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
        return TakeoutJson.read(in);
      }
    } catch (IOException unreadable) {
      return Optional.empty(); // a sidecar that cannot be read dates nothing; its photo takes the next rule
    }
  }

  /** The capture times a folder's sidecars give its files, by name. */
  static CaptureHints hints(FolderSidecars sidecars) {
    return sidecars.isEmpty() ? CaptureHints.NONE : file -> sidecars.takenAt(file.fileName()).orElse(null);
  }
}
