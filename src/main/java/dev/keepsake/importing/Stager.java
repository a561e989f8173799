package dev.keepsake.importing;

import dev.keepsake.ingest.Archiver;
import dev.keepsake.ingest.CaptureHints;
import dev.keepsake.ingest.PathSlices;
import dev.keepsake.ledger.KnownFile;
import dev.keepsake.source.PathFilter;
import dev.keepsake.source.Source;
import dev.keepsake.source.SourcePaths;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the files of a Takeout archive part wait for their import: extracted a few at a time into
 * a staging folder on the archive's disk (so the write-once copy is a local one), imported by the
 * ingest's pass, and deleted. Temp space is about {@value #STAGE_BYTES} bytes, or one photo's files
 * when they are larger: a cut never falls between the files of one stem (a Live Photo's halves).
 *
 * <p>A file is recorded as {@code <part path>/<entry path>} with the entry's time (to the second) as
 * its mtime, so a run again asks the ledger before it extracts: what an earlier run imported is not
 * read again.
 */
final class Stager implements AutoCloseable {
  /** How many bytes are staged before they are imported and deleted. */
  static final long STAGE_BYTES = 64L << 20;
  /** Free space kept on the archive's disk beyond the file being extracted. */
  static final long KEEP_FREE = 256L << 20;

  /** Opens an entry's content. */
  interface Content {
    InputStream open() throws IOException;
  }

  private final Archiver archiver;
  private final ImportTally listener;
  private final Path staging;
  private final Source source;
  private final List<String> staged = new ArrayList<>();
  private long stagedBytes;
  private String lastStem;

  /** @param staging a folder to extract into, on the archive's disk; emptied before and removed after */
  Stager(Archiver archiver, ImportTally listener, Path staging, String name) throws IOException {
    deleteTree(staging); // what a killed run left
    Files.createDirectories(staging);
    this.archiver = archiver;
    this.listener = listener;
    this.staging = staging;
    this.source = new Source(name, staging.toRealPath(), PathFilter.of(List.of(), List.of()), false);
  }

  /** The ledger path of an entry of {@code part}: the part's path, then the entry's. */
  static String relative(Path part, String entryName) {
    return part.toString().substring(1) + "/" + SourcePaths.normalize(entryName);
  }

  /** True (and counted) when an earlier run imported this entry: same path, size and time. */
  boolean importedBefore(String relative, long size, FileTime time) {
    KnownFile k = archiver.known(source, List.of(relative)).get(relative);
    if (k != null && k.state().isInArchive() && k.size() == size && k.mtime().equals(toSecond(time))) {
      listener.entryDoneBefore(Math.max(0, size));
      return true;
    }
    return false;
  }

  /**
   * Extracts one entry (imports what is staged first when the stage is full); an entry that cannot be
   * read is said, naming the part and the fix, and left out.
   *
   * @throws IOException when the archive's disk has no room for it (the import stops, saying so)
   */
  void stage(Path part, String entryName, String relative, long size, FileTime time, Content content, CaptureHints hints)
      throws IOException {
    String stem = PathSlices.stemKey(relative);
    if (stagedBytes >= STAGE_BYTES && !stem.equals(lastStem)) {
      flush(hints);
    }
    long free = Files.getFileStore(staging).getUsableSpace();
    if (free < Math.max(0, size) + KEEP_FREE) {
      throw new IOException("the archive's disk has " + (free >> 20) + " MiB free, and " + part + " holds "
          + SourcePaths.printable(entryName) + " of " + (Math.max(0, size) >> 20) + " MiB (Keepsake keeps "
          + (KEEP_FREE >> 20) + " MiB free); free space there and run import again");
    }
    Path target = staging.resolve(relative);
    try {
      Files.createDirectories(target.getParent());
      try (InputStream in = content.open();
          OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
              LinkOption.NOFOLLOW_LINKS)) {
        in.transferTo(out);
      }
      Files.setLastModifiedTime(target, toSecond(time));
      staged.add(relative);
      stagedBytes += Math.max(0, size);
      lastStem = stem;
    } catch (IOException | RuntimeException unreadable) { // a damaged entry (CRC, cut part): this file alone
      Files.deleteIfExists(target);
      listener.problem(part + ": " + SourcePaths.printable(entryName) + " could not be read (" + unreadable.getMessage()
          + "); the part may be damaged or incomplete: download it again and run import again");
    }
  }

  /** Imports what is staged, dated with {@code hints}, and deletes it. */
  void flush(CaptureHints hints) throws IOException {
    if (staged.isEmpty()) {
      return;
    }
    listener.importedBefore(archiver.ingestPaths(source, staged, hints).unchanged());
    for (String relative : staged) {
      Files.deleteIfExists(staging.resolve(relative));
    }
    staged.clear();
    stagedBytes = 0;
  }

  @Override
  public void close() throws IOException {
    deleteTree(staging);
  }

  /** A part's times are to the second or coarser (a zip's DOS times: two seconds); the ledger keeps what was set. */
  static FileTime toSecond(FileTime t) {
    return FileTime.fromMillis(t == null ? 0 : Math.floorDiv(t.toMillis(), 1000) * 1000);
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
