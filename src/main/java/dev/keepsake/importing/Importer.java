package dev.keepsake.importing;

import dev.keepsake.ingest.Archiver;
import dev.keepsake.source.PathFilter;
import dev.keepsake.source.Source;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * An import: folders ({@link FolderImporter}), then Takeout parts ({@link ZipImporter},
 * {@link TgzImporter}, through one {@link Stager}), all recorded under one source name. It plans the
 * whole for the progress line, says what kind of part a path is and whether it can be read at all.
 * Nothing is marked removed: an import only ever adds; run again with the same paths, it goes on
 * where it stopped.
 */
public final class Importer {
  private final Archiver archiver;
  private final ImportTally listener;

  /** @param listener the archiver's listener too: it hears every file's outcome */
  public Importer(Archiver archiver, ImportTally listener) {
    this.archiver = archiver;
    this.listener = listener;
  }

  /** The source every imported file is recorded under: the root folder, read-only, nothing filtered. */
  public static Source source(String name) {
    return new Source(name, Path.of("/"), PathFilter.of(List.of(), List.of()), false);
  }

  /** A Takeout part written as a zip. */
  public static boolean isZip(Path path) {
    return lowerName(path).endsWith(".zip");
  }

  /** A Takeout part written as a gzip'd tar. */
  public static boolean isTgz(Path path) {
    String lower = lowerName(path);
    return lower.endsWith(".tgz") || lower.endsWith(".tar.gz");
  }

  private static String lowerName(Path path) {
    return path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
  }

  /** Why a part cannot be read at all (its start is not a zip's directory or a tgz's first header), or null. */
  public static String unreadablePart(Path part) {
    if (isZip(part)) {
      try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(part.toFile(), java.nio.charset.StandardCharsets.UTF_8)) {
        zip.size();
        return null;
      } catch (IOException | RuntimeException e) {
        return said(e);
      }
    }
    try (InputStream file = Files.newInputStream(part); InputStream in = new java.util.zip.GZIPInputStream(file)) {
      new TarReader(in).next();
      return null;
    } catch (IOException | RuntimeException e) {
      return said(e);
    }
  }

  static String said(Exception e) {
    if (e instanceof java.io.EOFException) {
      return "it ends too early" + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }

  /**
   * Imports {@code roots} (real paths: folders, and Takeout {@code .zip} or {@code .tgz} parts)
   * under the source {@code name}; parts are extracted a few files at a time into {@code staging}
   * (one at a time for a dry run, which stages in the system's temp).
   *
   * @throws IOException when a root cannot be read at all, or the staging disk has no room
   */
  public void run(List<Path> roots, String name, Path staging, boolean dryRun) throws IOException {
    List<Path> folders = roots.stream().filter(Files::isDirectory).toList();
    long[] total = new long[2];
    for (Path folder : folders) {
      FolderImporter.count(folder, total);
    }
    for (Path zip : roots.stream().filter(p -> !Files.isDirectory(p) && isZip(p)).toList()) {
      ZipImporter.count(zip, total);
    }
    listener.plan(total[0], total[1]);
    new FolderImporter(archiver, listener).run(folders, name);
    List<Path> parts = roots.stream().filter(p -> !Files.isDirectory(p)).toList();
    if (!parts.isEmpty()) {
      try (Stager stager = new Stager(archiver, listener, staging, name, dryRun)) {
        new ZipImporter(stager, listener).run(parts.stream().filter(Importer::isZip).toList()); // kinds checked by ImportJob
        new TgzImporter(stager, listener).run(parts.stream().filter(Importer::isTgz).toList());
      }
    }
  }
}
