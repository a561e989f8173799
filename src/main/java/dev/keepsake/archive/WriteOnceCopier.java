package dev.keepsake.archive;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import dev.keepsake.fs.ConfinedFile;
import dev.keepsake.fs.ConfinedRoot;
import dev.keepsake.fs.Folder;
import java.util.Optional;
import java.util.OptionalInt;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies one source file into the archive so that a crash at any instant leaves either no file or
 * the whole file, and never touches a file that is already there:
 *
 * <ol>
 *   <li>{@link #stage}: copy to {@code .keepsake-tmp-*} in the target directory, window by window,
 *       inside the kernel; compare each window written with the source and hash it (so the SHA-256
 *       of the bytes written is that of the bytes read); fsync; give it the source's mtime; check the
 *       source did not change meanwhile.
 *   <li>{@link #place}: hard-link the temp file to its final name — which fails rather than replace
 *       an existing file — then remove the temp name; {@link #fsyncFolder} makes it durable. A name taken by other
 *       content gets {@code {stem}~{hash8}.{ext}}; a name taken by the same content is adopted.
 * </ol>
 *
 * <p>Not thread-safe: one copier per ingesting thread.
 */
public final class WriteOnceCopier {
  private static final Logger log = LoggerFactory.getLogger(WriteOnceCopier.class);
  public static final String TEMP_PREFIX = ".keepsake-tmp-";
  /** Copied, compared and hashed at a time: big enough to amortise the mapping, small enough for RSS. */
  private static final long WINDOW_BYTES = 4 << 20;
  private static final int READ_BUFFER_BYTES = 256 << 10;
  private static final OptionalInt PROCESS_UMASK = Permissions.processUmask();

  /** Opens a source file for reading, never through a link; tests inject failures here. */
  @FunctionalInterface
  public interface SourceOpener {
    FileChannel open(ConfinedFile file) throws IOException;

    SourceOpener DEFAULT = ConfinedFile::open;
  }

  /**
   * Makes a folder's names durable ({@link #fsyncFolder}); tests inject failures here.
   * A file system without folder fsync is not a failure; the disk's trouble is.
   */
  @FunctionalInterface
  public interface FolderSync {
    void fsync(WriteOnceCopier copier, Path dir) throws IOException;

    FolderSync DEFAULT = WriteOnceCopier::fsyncFolder;
  }

  /** Told about a directory before a temp file is created in it, so a crash leftover can be found. */
  @FunctionalInterface
  public interface TempDirJournal {
    void willWriteIn(Path directory) throws IOException;
  }

  /**
   * Whether a copy's mode, asked for at creation, comes out whole: the umask takes none of its bits
   * (the unit's 0027, a login's 0022). Then no second open and {@code fchmod} a file. A default ACL
   * on an archive folder may still narrow it, as it narrows any file made there.
   */
  private final boolean modeAtCreation;
  private final Path archiveRoot;
  private final ConfinedRoot archive;
  private final SourceOpener opener;
  private final TempDirJournal journal;
  private final FreeSpace freeSpace;
  private ByteBuffer[] readBuffers; // only where a file system cannot map files
  private final Set<PosixFilePermission> filePermissions;
  private final Set<PosixFilePermission> dirPermissions;

  public WriteOnceCopier(Path archiveRoot, SourceOpener opener, TempDirJournal journal) {
    this(archiveRoot, opener, journal, ArchiveRoot.DEFAULT_UMASK);
  }

  /** @param umask what archived files and folders must not allow: 0027 gives 0640 and 0750 */
  public WriteOnceCopier(Path archiveRoot, SourceOpener opener, TempDirJournal journal, int umask) {
    this.archiveRoot = Objects.requireNonNull(archiveRoot).toAbsolutePath().normalize();
    this.archive = new ConfinedRoot(this.archiveRoot);
    this.opener = Objects.requireNonNull(opener);
    this.journal = Objects.requireNonNull(journal);
    String device = null;
    try {
      device = device(Files.readAttributes(this.archiveRoot, BasicFileAttributes.class).fileKey());
    } catch (IOException notThere) {
      // found out by the first copy, with a message that says what to do
    }
    this.rootDevice = device;
    this.freeSpace = new FreeSpace(this.archiveRoot);
    this.filePermissions = Permissions.of(0666 & ~umask);
    this.modeAtCreation = PROCESS_UMASK.isPresent() && (PROCESS_UMASK.getAsInt() & 0666 & ~umask) == 0;
    this.dirPermissions = Permissions.of(0777 & ~umask);
  }

  /**
   * Copies {@code source} to a temp file in {@code targetDir}, verified. The folder is reached from
   * the archive root without following links; missing folders are made.
   *
   * @param expectedSize, expectedMtime, expectedKey the stat the caller saw; a change means the source
   *     was being written while we read it
   * @throws SourceChangedException when the source changed during the copy (temp file removed)
   * @throws ArchiveFullException when the archive disk is full (temp file removed)
   * @throws dev.keepsake.fs.LinkOnPathException when a link stands on the way to {@code targetDir}
   */
  public StagedCopy stage(ConfinedFile source, long expectedSize, FileTime expectedMtime, String expectedKey, Path targetDir)
      throws IOException {
    String relativeDir = relativeDir(targetDir);
    try (Folder folder = folderFor(relativeDir, targetDir)) {
      freeSpace.check(source.path(), expectedSize);
      journal.willWriteIn(targetDir);
      String tempName = TEMP_PREFIX + UUID.randomUUID();
      boolean done = false;
      try {
        MessageDigest written = ContentHash.newDigest();
        Seen seen = new Seen(source, expectedSize, expectedMtime, expectedKey);
        long bytes = 0;
        try (FileChannel in = opener.open(source); FileChannel out = folder.createNew(tempName, filePermissions)) {
          // up to the size the caller saw (copyWindow stops there): more would be the file growing,
          // which the stat after says
          for (long n; (n = copyWindow(in, out, bytes, expectedSize)) > 0; bytes += n) {
            verifyWindow(in, out, bytes, n, written, seen);
          }
          if (!modeAtCreation) { // the umask takes bits away the mode needs: set it after
            folder.setMode(tempName, filePermissions);
          }
          folder.setModifiedTime(tempName, expectedMtime); // before the fsync (sync), so it is durable too
        }
        ContentHash hash = ContentHash.of(written.digest());
        seen.checkUnchanged(bytes);
        boolean onRoot = rootDevice != null && rootDevice.equals(device(folder.stat(tempName).fileKey()));
        done = true;
        return new StagedCopy(targetDir.resolve(tempName), hash, bytes, onRoot);
      } catch (IOException e) {
        if (FreeSpace.isNoSpace(e)) {
          throw freeSpace.full(source.path(), expectedSize, e);
        }
        throw e;
      } finally {
        if (!done) {
          folder.deleteIfExists(tempName);
        }
      }
    }
  }

  /**
   * Makes a staged copy durable (fsync), before {@link #place} may give it a name. Apart from
   * {@link #stage} so that many small files' fsyncs can be in flight at once (the file system commits
   * them together) while the copying threads go on. On failure the temp file is removed.
   *
   * @throws ArchiveFullException when the disk turned out full only now (delayed allocation)
   */
  public void sync(StagedCopy staged) throws IOException {
    String tempName = staged.temp().getFileName().toString();
    try (Folder folder = archive.folder(relativeDir(staged.temp().getParent()))) {
      try (FileChannel temp = folder.openForReading(tempName)) {
        temp.force(true);
      } catch (IOException e) {
        folder.deleteIfExists(tempName);
        if (FreeSpace.isNoSpace(e)) {
          throw freeSpace.full(staged.temp(), staged.bytes(), e);
        }
        throw e;
      }
    }
  }

  /**
   * Copies up to one window of the source, from {@code offset} and no further than {@code size}, to
   * the end of {@code out} inside the kernel (no trip through our memory).
   *
   * @return the bytes copied; 0 at the source's end or at {@code size}
   */
  private static long copyWindow(FileChannel in, FileChannel out, long offset, long size) throws IOException {
    long window = Math.min(WINDOW_BYTES, size - offset);
    long copied = 0;
    while (copied < window) {
      long n = in.transferTo(offset + copied, window - copied, out);
      if (n <= 0) {
        break;
      }
      copied += n;
    }
    return copied;
  }

  /**
   * Compares the window just written with the source, byte for byte, and hashes what was written:
   * equal bytes, so the file's SHA-256 is that of the bytes read. Windows beyond 256 KiB are mapped, not read: one
   * comparison and one hash over memory, no copies. Where a file system cannot map files (FUSE with
   * direct I/O, some network mounts) the window is read through buffers instead. A difference is the
   * source changing under us (its stat moved, or it shrank: {@link SourceChangedException}) or else
   * the archive disk.
   */
  private void verifyWindow(FileChannel in, FileChannel out, long offset, long length, MessageDigest written,
      Seen seen) throws IOException {
    if (in.size() < offset + length) {
      throw shrank();
    }
    if (length <= READ_BUFFER_BYTES) {
      // a small window: two preads cost less than two mappings and their unmapping, which interrupts
      // the other cores to drop the pages from their TLBs (30,000 small files: system time 14.3 -> 11.7 s)
      verifyByReading(in, out, offset, length, written, seen);
      return;
    }
    MappedByteBuffer copy = null;
    MappedByteBuffer original = null;
    try {
      try {
        copy = out.map(FileChannel.MapMode.READ_ONLY, offset, length);
        original = in.map(FileChannel.MapMode.READ_ONLY, offset, length);
      } catch (IOException | UnsupportedOperationException cannotMap) {
        verifyByReading(in, out, offset, length, written, seen);
        return;
      }
      try {
        if (copy.mismatch(original) != -1) {
          throw differs(offset, seen);
        }
        written.update(copy.rewind());
      } catch (InternalError pageGone) { // a mapped page could not be read
        if (in.size() < offset + length) {
          throw shrank();
        }
        throw new IOException("reading back the archive copy of " + seen.source() + " failed near offset " + offset
            + ": check the archive disk; the source is untouched", pageGone);
      }
    } finally {
      Unmapper.unmap(copy);
      Unmapper.unmap(original);
    }
  }

  /** {@link #verifyWindow} for file systems that cannot map: both sides read through two buffers. */
  private void verifyByReading(FileChannel in, FileChannel out, long offset, long length, MessageDigest written,
      Seen seen) throws IOException {
    if (readBuffers == null) {
      readBuffers = new ByteBuffer[] {ByteBuffer.allocateDirect(READ_BUFFER_BYTES), ByteBuffer.allocateDirect(READ_BUFFER_BYTES)};
    }
    ByteBuffer original = readBuffers[0];
    ByteBuffer copy = readBuffers[1];
    for (long done = 0; done < length; ) {
      int chunk = (int) Math.min(READ_BUFFER_BYTES, length - done);
      if (readFully(in, original, offset + done, chunk) < chunk) {
        throw shrank();
      }
      if (readFully(out, copy, offset + done, chunk) < chunk || copy.mismatch(original) != -1) {
        throw differs(offset + done, seen);
      }
      written.update(copy.rewind());
      done += chunk;
    }
  }

  private static int readFully(FileChannel channel, ByteBuffer buffer, long position, int length) throws IOException {
    buffer.clear().limit(length);
    while (buffer.hasRemaining() && channel.read(buffer, position + buffer.position()) >= 0) {
      // keep reading: a read may return fewer bytes than asked
    }
    buffer.flip();
    return buffer.remaining();
  }

  private static SourceChangedException shrank() {
    return new SourceChangedException("it shrank while being copied; it will be copied once it is stable");
  }

  /** The copy differs from the source: the source moved (stat changed), or else the archive disk. */
  private static IOException differs(long offset, Seen seen) throws IOException {
    seen.checkUnchanged(seen.size()); // the stat alone: did the source move?
    return new IOException("archive copy of " + seen.source() + " reads back different bytes near offset " + offset
        + ": check the archive disk; the source is untouched");
  }

  /** The source's stat as the caller saw it before the copy. */
  private record Seen(ConfinedFile source, long size, FileTime mtime, String key) {
    /**
     * @param bytesRead what the copy read; pass {@link #size} to compare the stat alone
     * @throws SourceChangedException when the source is gone, or its size, mtime or inode moved
     */
    void checkUnchanged(long bytesRead) throws IOException {
      BasicFileAttributes after;
      try {
        after = source.stat();
      } catch (NoSuchFileException gone) {
        throw new SourceChangedException("it vanished while being copied");
      }
      String afterKey = after.fileKey() == null ? "" : after.fileKey().toString();
      if (bytesRead != size || after.size() != size || !after.lastModifiedTime().equals(mtime) || !afterKey.equals(key)) {
        throw new SourceChangedException("it changed while being copied (size " + size + " -> " + after.size()
            + ", read " + bytesRead + "); it will be copied once it is stable");
      }
    }
  }

  /** Throws away a staged copy that is not needed (its content is archived already). */
  public void discard(StagedCopy staged) throws IOException {
    try (Folder folder = archive.folder(relativeDir(staged.temp().getParent()))) {
      folder.deleteIfExists(staged.temp().getFileName().toString());
    }
  }

  /**
   * Gives a staged copy its final name in its directory without ever replacing a file. The name fits
   * the file system ({@link FileNames}); one the file system still finds too long is shortened to
   * {@value #SHORT_NAME_BYTES} bytes (eCryptfs and some network shares allow no more).
   *
   * @return the archived path, and whether an identical existing file was adopted instead
   */
  public Placement place(StagedCopy staged, String fileName) throws IOException {
    Path dir = staged.temp().getParent();
    String tempName = staged.temp().getFileName().toString();
    try (Folder folder = archive.folder(relativeDir(dir))) {
      int maxBytes = FileNames.MAX_BYTES;
      for (int attempt = 0; ; attempt++) {
        String name = CollisionNames.name(fileName, staged.hash(), attempt, maxBytes);
        try {
          folder.link(tempName, name); // refuses a taken name: tried first, the usual case costs no look
        } catch (FileAlreadyExistsException taken) {
          Optional<BasicFileAttributes> there = folder.statIfExists(name);
          if (there.isPresent() && there.get().isRegularFile() && isSameContent(folder, name, staged.hash())) {
            folder.deleteIfExists(tempName);
            return new Placement(dir.resolve(name), true);
          }
          continue; // other content there (or it went meanwhile): the next name
        } catch (FileSystemException e) {
          if (maxBytes > SHORT_NAME_BYTES && String.valueOf(e.getReason()).contains("too long")) {
            maxBytes = SHORT_NAME_BYTES;
            attempt = -1;
            continue;
          }
          throw e;
        }
        folder.deleteIfExists(tempName);
        return new Placement(dir.resolve(name), false);
      }
    }
  }

  /**
   * For a dry run: the name {@link #place} would give content {@code hash} wanting {@code fileName}
   * in {@code directory} (relative to the archive), without writing anything. A name taken on disk
   * by other content, or by {@code takenInThisRun}, gets the collision name {@code place} would pick.
   *
   * @throws IOException as the real run would fail: a file where one of the folders belongs
   */
  public String predictName(String directory, String fileName, ContentHash hash,
      java.util.function.Predicate<String> takenInThisRun) throws IOException {
    Folder folder = archive.open();
    try {
      for (String part : ConfinedRoot.components(directory)) {
        Optional<BasicFileAttributes> there = folder.statIfExists(part);
        if (there.isEmpty()) {
          folder.close();
          folder = null; // the rest would be made: no name on disk can clash
          break;
        }
        if (!there.get().isDirectory()) {
          throw new IOException("cannot create archive folder " + directory + ": " + folder.path().resolve(part) + " is "
              + (there.get().isSymbolicLink() ? "a link" : "a file") + ", not a folder; move it aside");
        }
        Folder next = folder.child(part);
        folder.close();
        folder = next;
      }
      for (int attempt = 0; ; attempt++) {
        String name = CollisionNames.name(fileName, hash, attempt, FileNames.MAX_BYTES);
        String path = directory.isEmpty() ? name : directory + "/" + name;
        if (takenInThisRun.test(path)) {
          continue;
        }
        if (folder == null) {
          return name;
        }
        Optional<BasicFileAttributes> there = folder.statIfExists(name);
        if (there.isEmpty() || (there.get().isRegularFile() && isSameContent(folder, name, hash))) {
          return name;
        }
      }
    } finally {
      if (folder != null) {
        folder.close();
      }
    }
  }

  /** The name limit of eCryptfs, the tightest seen under a NAS archive. */
  private static final int SHORT_NAME_BYTES = 143;

  private static boolean isSameContent(Folder folder, String name, ContentHash hash) throws IOException {
    try (FileChannel in = folder.openForReading(name)) {
      return ContentHash.of(in).equals(hash);
    }
  }

  /** The device of the archive root (null when unknown): a staged copy elsewhere is on another disk. */
  private final String rootDevice;

  /** The {@code dev=} part of a file key ({@code (dev=803,ino=1234)} on Linux), or null. */
  static String device(Object fileKey) {
    String key = String.valueOf(fileKey);
    int at = key.indexOf("dev=");
    int end = key.indexOf(',', at);
    return at < 0 || end < 0 ? null : key.substring(at + 4, end);
  }

  /** {@code targetDir} relative to the archive root; an IOException when it is outside. */
  private String relativeDir(Path targetDir) throws IOException {
    Path normal = targetDir.toAbsolutePath().normalize();
    if (!normal.startsWith(archiveRoot)) {
      throw new IOException("target " + targetDir + " is outside the archive " + archiveRoot);
    }
    return archiveRoot.relativize(normal).toString().replace(normal.getFileSystem().getSeparator(), "/");
  }

  /** The target folder, made where missing (mode from the umask, each new one made durable in its parent). */
  private Folder folderFor(String relativeDir, Path targetDir) throws IOException {
    if (!Files.isDirectory(archiveRoot)) {
      throw new NoSuchFileException(archiveRoot.toString(), null,
          "archive root is gone (disk unmounted?): mount it again; Keepsake will not recreate it");
    }
    try {
      return archive.folderCreating(relativeDir, dirPermissions, made -> { });
    } catch (NotDirectoryException inTheWay) {
      throw new IOException("cannot create archive folder " + relativeDir + ": " + inTheWay.getFile()
          + " is a file, not a folder; move it aside", inTheWay);
    }
  }

  /**
   * Makes the names created in {@code dir} (a folder of this archive) durable. {@link #place} leaves
   * this to its caller so that many files in one folder cost one folder sync; call it before
   * recording the names anywhere.
   *
   * @throws IOException the disk's trouble (an I/O error): the names may not survive a crash, so
   *     record none of them; a file system that cannot fsync a folder at all is not an error
   */
  public void fsyncFolder(Path dir) throws IOException {
    try (Folder folder = archive.folder(relativeDir(dir))) {
      folder.fsync();
    } catch (IOException e) {
      String why = String.valueOf(e.getMessage());
      if (why.contains("Invalid argument") || why.contains("not supported")) {
        log.debug("cannot fsync folder {}: {}", dir, e.toString()); // a file system without folder fsync
        return;
      }
      throw e;
    }
  }
}
