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
  /** This run's entry paths in the folder at hand: a part can name a path twice (or two ways, {@code a//b}, {@code a/b}). */
  private final java.util.Set<String> seen = new java.util.HashSet<>();
  private String seenFolder = "";
  private final long stageBytes;
  private long stagedBytes;
  private String lastStem;

  /**
   * @param staging a folder to extract into, on the archive's disk; emptied before and removed after
   * @param oneAtATime stage a single file (or stem) at a time: a dry run stages in the system's temp
   */
  Stager(Archiver archiver, ImportTally listener, Path staging, String name, boolean oneAtATime) throws IOException {
    this.stageBytes = oneAtATime ? 0 : STAGE_BYTES;
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
    String folder = TarReader.folderOf(relative);
    if (!folder.equals(seenFolder)) {
      seen.clear();
      seenFolder = folder;
    }
    if (!seen.add(relative)) {
      return false; // the part names this path again: this run imported the first, not this one
    }
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
   * @throws NoRoomException when the staging disk has no room for it or cannot be written (the import stops, saying so)
   */
  void stage(Path part, String entryName, String relative, long size, FileTime time, Content content, CaptureHints hints)
      throws IOException {
    String stem = PathSlices.stemKey(relative);
    if ((stagedBytes >= stageBytes && !stem.equals(lastStem)) || staged.contains(relative)) {
      flush(hints); // a full stage, or a path the part names twice: the first is imported before the second is staged
    }
    long free = Files.getFileStore(staging).getUsableSpace();
    // the staged copy, then its copy in the archive, on the same disk, beside what is staged already
    if (free < 2 * (Math.max(0, size) + stagedBytes) + KEEP_FREE) {
      throw new NoRoomException(noRoom(free, part, entryName, size));
    }
    Path target;
    try {
      target = staging.resolve(relative);
    } catch (java.nio.file.InvalidPathException unrepresentable) {
      listener.problem(part + ": " + SourcePaths.printable(entryName) + " has a name this system cannot write ("
          + unrepresentable.getReason() + "); run Keepsake with a UTF-8 locale (LC_ALL=C.UTF-8) and import again");
      return;
    }
    boolean created = false;
    try {
      try {
        Files.createDirectories(target.getParent());
      } catch (IOException cannotWrite) {
        throw new NoRoomException("cannot write in " + staging + " (" + cannotWrite.getMessage() + ")");
      }
      try (InputStream in = content.open();
          OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
              LinkOption.NOFOLLOW_LINKS)) {
        created = true;
        copy(in, out, size, part, entryName);
      }
      Files.setLastModifiedTime(target, toSecond(time));
      staged.add(relative);
      stagedBytes += Math.max(0, size);
      lastStem = stem;
    } catch (NoRoomException stop) {
      if (created) {
        Files.deleteIfExists(target);
      }
      throw stop;
    } catch (IOException | RuntimeException unreadable) { // the part's entry could not be read: this file alone
      if (created) {
        Files.deleteIfExists(target);
      }
      listener.problem(part + ": " + SourcePaths.printable(entryName) + " could not be read (" + Importer.said(unreadable)
          + "); the part may be damaged or incomplete: download it again and run import again");
    }
  }

  /** The import stops: the disk the staging folder is on has no room left. */
  static final class NoRoomException extends IOException {
    NoRoomException(String message) {
      super(message);
    }
  }

  private String noRoom(long free, Path part, String entryName, long size) {
    return "the disk of " + staging + " has " + (free >> 20) + " MiB free, and " + part + " holds "
        + SourcePaths.printable(entryName) + (size >= 0 ? " of " + (size >> 20) + " MiB" : "") + " (Keepsake keeps "
        + (KEEP_FREE >> 20) + " MiB free there); free space there";
  }

  /**
   * Copies an entry, never more than the part said it holds (a lying size is a damaged or hostile
   * part: the entry fails alone), and stops before the disk falls under {@link #KEEP_FREE}.
   */
  private void copy(InputStream in, OutputStream out, long size, Path part, String entryName) throws IOException {
    byte[] buffer = new byte[1 << 16];
    long written = 0;
    long checked = 0;
    for (int n; (n = in.read(buffer)) >= 0; ) {
      written += n;
      if (size >= 0 && written > size) {
        throw new IOException("it holds more than the " + size + " bytes the part says");
      }
      try {
        out.write(buffer, 0, n);
      } catch (IOException cannotWrite) { // a full disk, a quota: the import stops, it is not the part's fault
        throw new NoRoomException("cannot write in " + staging + " (" + cannotWrite.getMessage() + "); free space there");
      }
      if (written - checked >= STAGE_BYTES) {
        checked = written;
        long free = Files.getFileStore(staging).getUsableSpace();
        if (free < KEEP_FREE) {
          throw new NoRoomException(noRoom(free, part, entryName, size));
        }
      }
    }
  }

  /** Imports what is staged, dated with {@code hints}, and deletes it. */
  void flush(CaptureHints hints) throws IOException {
    if (staged.isEmpty()) {
      return;
    }
    listener.importedBefore(archiver.ingestPaths(source, staged, hints, false).unchanged());
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
