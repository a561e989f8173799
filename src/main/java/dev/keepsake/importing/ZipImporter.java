package dev.keepsake.importing;

import dev.keepsake.ingest.Archiver;
import dev.keepsake.ingest.CaptureHints;
import dev.keepsake.ledger.KnownFile;
import dev.keepsake.source.PathFilter;
import dev.keepsake.source.Source;
import dev.keepsake.source.SourcePaths;
import dev.keepsake.takeout.FolderSidecars;
import dev.keepsake.takeout.TakeoutJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Imports the parts of a Takeout export given as {@code .zip} files, read in place: no extracted
 * copy of the export is ever made. Each part is taken a folder at a time; a folder's photos are
 * extracted, a few at a time, into a staging folder inside the archive's state folder (the archive's
 * own disk, so the write-once copy is a local one), imported there by the same pass as a folder's,
 * and deleted. Temp space is about {@value #STAGE_BYTES} bytes, or one photo's files when they are
 * larger. The sidecars of a folder are read from every part (a photo and its sidecar can be in
 * different parts); only their names are kept between folders.
 *
 * <p>A file is recorded as {@code <zip path>/<entry path>} with the entry's time as its mtime, so
 * a run again with the same parts asks the ledger before extracting anything: what an earlier run
 * imported costs a look at the zip's directory, not a read. Entry names that would leave their
 * folder ({@code ..}, absolute) are refused, each named.
 */
public final class ZipImporter {
  /** How many bytes are staged before they are imported and deleted. */
  static final long STAGE_BYTES = 64L << 20;
  /** Free space kept on the archive's disk beyond the file being extracted. */
  static final long KEEP_FREE = 256L << 20;

  private record Part(Path path, ZipFile zip) {}

  private final Archiver archiver;
  private final ImportTally listener;
  private final Path staging;

  /** @param staging a folder to extract into, on the archive's disk; emptied and removed before and after */
  public ZipImporter(Archiver archiver, ImportTally listener, Path staging) {
    this.archiver = archiver;
    this.listener = listener;
    this.staging = staging;
  }

  /** Imports the parts {@code zips} (real paths) under the source {@code name}. */
  public void run(List<Path> zips, String name) throws IOException {
    deleteTree(staging); // what a killed run left
    Files.createDirectories(staging);
    Source source = new Source(name, staging.toRealPath(), PathFilter.of(List.of(), List.of()), false);
    List<Part> parts = new ArrayList<>();
    try {
      for (Path zip : zips) {
        parts.add(new Part(zip, new ZipFile(zip.toFile(), StandardCharsets.UTF_8)));
      }
      Map<String, List<String[]>> sidecarsByFolder = sidecarNames(parts);
      for (Part part : parts) {
        for (Map.Entry<String, List<ZipEntry>> folder : folders(part).entrySet()) {
          importFolder(source, part, folder.getKey(), folder.getValue(), parts, sidecarsByFolder);
        }
      }
    } finally {
      for (Part part : parts) {
        part.zip().close();
      }
      deleteTree(staging);
    }
  }

  /** Every part's sidecar entries, by folder: {part index, entry name}. */
  private static Map<String, List<String[]>> sidecarNames(List<Part> parts) {
    Map<String, List<String[]>> byFolder = new HashMap<>();
    for (int i = 0; i < parts.size(); i++) {
      Enumeration<? extends ZipEntry> entries = parts.get(i).zip().entries();
      while (entries.hasMoreElements()) {
        ZipEntry e = entries.nextElement();
        if (!e.isDirectory() && FolderSidecars.isSidecarName(fileName(e.getName()))) {
          byFolder.computeIfAbsent(folderOf(e.getName()), f -> new ArrayList<>()).add(new String[] {Integer.toString(i), e.getName()});
        }
      }
    }
    return byFolder;
  }

  /** The part's files that are not sidecars, by folder, in name order. */
  private Map<String, List<ZipEntry>> folders(Part part) {
    Map<String, List<ZipEntry>> folders = new TreeMap<>();
    Enumeration<? extends ZipEntry> entries = part.zip().entries();
    while (entries.hasMoreElements()) {
      ZipEntry e = entries.nextElement();
      if (e.isDirectory() || FolderSidecars.isSidecarName(fileName(e.getName()))) {
        continue;
      }
      String problem = SourcePaths.problem(e.getName());
      if (problem != null || e.getName().startsWith("/")) {
        listener.problem(part.path() + ": entry " + SourcePaths.printable(e.getName()) + " refused: "
            + (problem != null ? problem : "an absolute path") + "; nothing was extracted for it");
        continue;
      }
      if (SourcePaths.isIgnored(e.getName())) {
        continue;
      }
      folders.computeIfAbsent(folderOf(e.getName()), f -> new ArrayList<>()).add(e);
    }
    folders.values().forEach(list -> list.sort(java.util.Comparator.comparing(ZipEntry::getName)));
    return folders;
  }

  private void importFolder(Source source, Part part, String folder, List<ZipEntry> entries, List<Part> parts,
      Map<String, List<String[]>> sidecarsByFolder) throws IOException {
    FolderSidecars sidecars = new FolderSidecars();
    for (String[] ref : sidecarsByFolder.getOrDefault(folder, List.of())) {
      ZipFile zip = parts.get(Integer.parseInt(ref[0])).zip();
      ZipEntry json = zip.getEntry(ref[1]);
      if (json != null) {
        try (InputStream in = zip.getInputStream(json)) {
          TakeoutJson.read(in).ifPresent(s -> sidecars.add(fileName(ref[1]), s));
        } catch (IOException unreadable) {
          // a sidecar that cannot be read dates nothing
        }
      }
    }
    CaptureHints hints = sidecars.isEmpty() ? CaptureHints.NONE : file -> sidecars.takenAt(file.fileName()).orElse(null);
    String prefix = part.path().toString().substring(1);
    List<String> relatives = new ArrayList<>();
    for (ZipEntry e : entries) {
      relatives.add(prefix + "/" + SourcePaths.normalize(e.getName()));
    }
    Map<String, KnownFile> known = archiver.known(source, relatives);
    List<String> staged = new ArrayList<>();
    long stagedBytes = 0;
    String lastStem = null;
    for (int i = 0; i < entries.size(); i++) {
      ZipEntry e = entries.get(i);
      String relative = relatives.get(i);
      KnownFile k = known.get(relative);
      if (k != null && k.state().isInArchive() && k.size() == e.getSize() && k.mtime().equals(entryTime(e))) {
        listener.importedBefore(1); // an earlier run imported it: not read again
        continue;
      }
      String stem = dev.keepsake.ingest.PathSlices.stemKey(relative);
      if (stagedBytes >= STAGE_BYTES && !stem.equals(lastStem)) {
        importStaged(source, staged, hints);
        staged.clear();
        stagedBytes = 0;
      }
      if (extract(part, e, relative)) {
        staged.add(relative);
        stagedBytes += Math.max(0, e.getSize());
        lastStem = stem;
      }
    }
    importStaged(source, staged, hints);
  }

  private void importStaged(Source source, List<String> staged, CaptureHints hints) throws IOException {
    if (staged.isEmpty()) {
      return;
    }
    archiver.ingestPaths(source, staged, hints);
    for (String relative : staged) {
      Files.deleteIfExists(staging.resolve(relative));
    }
  }

  /** Extracts {@code e} to the staging folder, with the entry's time; false (said) when it cannot. */
  private boolean extract(Part part, ZipEntry e, String relative) throws IOException {
    Path target = staging.resolve(relative);
    long free = Files.getFileStore(staging).getUsableSpace();
    long need = Math.max(0, e.getSize()) + KEEP_FREE;
    if (free < need) {
      throw new IOException("the archive's disk has " + (free >> 20) + " MiB free, and " + part.path() + " holds "
          + SourcePaths.printable(e.getName()) + " of " + (Math.max(0, e.getSize()) >> 20) + " MiB (Keepsake keeps "
          + (KEEP_FREE >> 20) + " MiB free); free space there");
    }
    try {
      Files.createDirectories(target.getParent());
      try (InputStream in = part.zip().getInputStream(e);
          OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
              LinkOption.NOFOLLOW_LINKS)) {
        in.transferTo(out);
      }
      Files.setLastModifiedTime(target, entryTime(e));
      return true;
    } catch (IOException | RuntimeException unreadable) { // a damaged entry (CRC, truncated part): this file alone
      Files.deleteIfExists(target);
      listener.problem(part.path() + ": " + SourcePaths.printable(e.getName()) + " could not be read ("
          + unreadable.getMessage() + "); the part may be damaged or incomplete: download it again and run import again");
      return false;
    }
  }

  /** The entry's time, to the second (a zip's DOS times are even seconds; extended times are finer). */
  private static FileTime entryTime(ZipEntry e) {
    FileTime t = e.getLastModifiedTime();
    long seconds = t == null ? 0 : t.toMillis() / 1000;
    return FileTime.fromMillis(seconds * 1000);
  }

  private static String folderOf(String entryName) {
    int slash = entryName.lastIndexOf('/');
    return slash < 0 ? "" : entryName.substring(0, slash);
  }

  private static String fileName(String entryName) {
    return entryName.substring(entryName.lastIndexOf('/') + 1);
  }

  /** Removes a staging tree; links in it are removed, never followed. */
  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
        Files.delete(dir);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
