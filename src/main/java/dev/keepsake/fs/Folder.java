package dev.keepsake.fs;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Predicate;

/**
 * An open folder below a {@link ConfinedRoot}. Every name is one path component, looked up in this
 * folder (openat and friends with {@code O_NOFOLLOW}): a link is never followed, and a folder renamed
 * or replaced above this one changes nothing — the handle stays bound to the folder it opened.
 *
 * <p>Not thread-safe; close it when done (it holds a file descriptor).
 */
public final class Folder implements AutoCloseable {
  private final SecureDirectoryStream<Path> dir;
  private final Path path;
  private final Runnable release; // a lease of a kept handle: closing gives it back; null: closing closes it
  private boolean released;

  Folder(SecureDirectoryStream<Path> dir, Path path) {
    this(dir, path, null);
  }

  private Folder(SecureDirectoryStream<Path> dir, Path path, Runnable release) {
    this.dir = dir;
    this.path = path;
    this.release = release;
  }

  /** This handle again, for a while: closing the lease runs {@code release}, not a close (see {@link OpenFolders}). */
  Folder lease(Runnable release) {
    return new Folder(dir, path, release);
  }

  /** Where this folder was when it was opened (for messages). */
  public Path path() {
    return path;
  }

  /**
   * The sub-folder {@code name}.
   *
   * @throws LinkOnPathException when it is a symbolic link
   * @throws NotDirectoryException when it is something other than a folder
   * @throws NoSuchFileException when it does not exist
   */
  public Folder child(String name) throws IOException {
    try {
      return new Folder(dir.newDirectoryStream(component(name), NOFOLLOW_LINKS), path.resolve(name));
    } catch (IOException e) {
      throw refine(name, e, "a folder");
    }
  }

  /** Opens the file {@code name} for reading; a link there is refused. */
  public FileChannel openForReading(String name) throws IOException {
    return channel(name, Set.of(READ, NOFOLLOW_LINKS));
  }

  /** Creates {@code name}, which must not exist yet, for writing (and reading back). */
  public FileChannel createNew(String name) throws IOException {
    return channel(name, Set.of(CREATE_NEW, WRITE, READ, NOFOLLOW_LINKS));
  }

  /**
   * As {@link #createNew(String)}, asking for {@code mode} at creation; the process's umask (or a
   * default ACL of this folder) may take bits away, never add any.
   */
  public FileChannel createNew(String name, Set<PosixFilePermission> mode) throws IOException {
    return channel(name, Set.of(CREATE_NEW, WRITE, READ, NOFOLLOW_LINKS), PosixFilePermissions.asFileAttribute(mode));
  }

  /** Opens {@code name} for writing, creating it when missing, never through a link (lock files). */
  public FileChannel openOrCreate(String name) throws IOException {
    return channel(name, Set.of(CREATE, WRITE, NOFOLLOW_LINKS));
  }

  private FileChannel channel(String name, Set<OpenOption> options, FileAttribute<?>... attributes) throws IOException {
    SeekableByteChannel channel;
    try {
      channel = dir.newByteChannel(component(name), options, attributes);
    } catch (IOException e) {
      throw refine(name, e, "a file");
    }
    if (channel instanceof FileChannel file) {
      return file;
    }
    channel.close();
    throw new IOException(path.resolve(name) + ": the file system gave no file channel");
  }

  /** The attributes of {@code name} itself (a link is described, not followed). */
  public BasicFileAttributes stat(String name) throws IOException {
    return dir.getFileAttributeView(component(name), BasicFileAttributeView.class, NOFOLLOW_LINKS).readAttributes();
  }

  /** As {@link #stat}, or empty when {@code name} does not exist. */
  public Optional<BasicFileAttributes> statIfExists(String name) throws IOException {
    try {
      return Optional.of(stat(name));
    } catch (NoSuchFileException absent) {
      return Optional.empty();
    }
  }

  /** Sets the mode of {@code name}; a file system without POSIX modes is left as it is. */
  public void setMode(String name, Set<PosixFilePermission> mode) throws IOException {
    PosixFileAttributeView view = dir.getFileAttributeView(component(name), PosixFileAttributeView.class, NOFOLLOW_LINKS);
    try {
      view.setPermissions(mode);
    } catch (UnsupportedOperationException noPosix) {
      // exFAT, some NAS shares: nothing to set
    }
  }

  public void setModifiedTime(String name, FileTime time) throws IOException {
    // the access time too (now, as a new file has), so the view need not read the file's attributes
    // first: one system call less
    dir.getFileAttributeView(component(name), BasicFileAttributeView.class, NOFOLLOW_LINKS)
        .setTimes(time, FileTime.fromMillis(System.currentTimeMillis()), null);
  }

  /** Removes the file (or link) {@code name} from this folder. */
  public void delete(String name) throws IOException {
    dir.deleteFile(component(name));
  }

  /** Removes {@code name} when it exists; returns whether it did. */
  public boolean deleteIfExists(String name) throws IOException {
    try {
      delete(name);
      return true;
    } catch (NoSuchFileException absent) {
      return false;
    }
  }

  /** Creates the sub-folder {@code name} here (fails when anything has that name). */
  public void mkdir(String name) throws IOException {
    OptionalInt fd = FolderFd.fd(dir);
    Files.createDirectory(fd.isPresent() ? bound(fd.getAsInt(), name) : path.resolve(component(name)));
    if (fd.isEmpty()) {
      confirm(name, stat -> stat.isDirectory(), "the folder it created");
    }
  }

  /**
   * Gives the file {@code existing} the second name {@code name} in this folder, never replacing
   * anything ({@code link(2)} fails with EEXIST). Where the file system has no hard links (exFAT,
   * some network mounts) the file is renamed instead, which also refuses an existing name.
   *
   * @throws FileAlreadyExistsException when {@code name} is taken
   */
  public void link(String existing, String name) throws IOException {
    OptionalInt fd = FolderFd.fd(dir);
    Path from = fd.isPresent() ? bound(fd.getAsInt(), existing) : path.resolve(component(existing));
    Path to = fd.isPresent() ? bound(fd.getAsInt(), name) : path.resolve(component(name));
    Object key = fd.isEmpty() ? stat(existing).fileKey() : null;
    try {
      Files.createLink(to, from);
    } catch (FileAlreadyExistsException taken) {
      throw taken;
    } catch (UnsupportedOperationException | FileSystemException noHardLinks) {
      Files.move(from, to); // without REPLACE_EXISTING: refuses an existing name
    }
    if (fd.isEmpty()) {
      confirm(name, stat -> key == null || key.equals(stat.fileKey()), "the file it placed");
    }
  }

  /** Makes the names created in this folder durable (fsync of the folder). */
  public void fsync() throws IOException {
    try (FileChannel self = channel(".", Set.of(READ))) {
      self.force(true);
    }
  }

  /** The names in this folder that {@code filter} accepts. */
  public List<String> names(Predicate<String> filter) throws IOException {
    List<String> out = new ArrayList<>();
    try (SecureDirectoryStream<Path> again = dir.newDirectoryStream(Path.of("."), NOFOLLOW_LINKS)) {
      for (Path entry : again) {
        String name = entry.getFileName().toString();
        if (filter.test(name)) {
          out.add(name);
        }
      }
    }
    return out;
  }

  @Override
  public void close() throws IOException {
    if (release != null) {
      if (!released) {
        released = true;
        release.run();
      }
    } else {
      dir.close();
    }
  }

  /** {@code /proc/self/fd/N/name}: {@code name} in the folder this handle holds, whatever its path now. */
  private static Path bound(int fd, String name) {
    return Path.of("/proc/self/fd", Integer.toString(fd)).resolve(component(name));
  }

  /** Without folder-bound paths: what a path operation did must be seen from this handle too. */
  private void confirm(String name, Predicate<BasicFileAttributes> ok, String what) throws IOException {
    Optional<BasicFileAttributes> here = statIfExists(name);
    if (here.isEmpty() || !ok.test(here.get())) {
      throw new LinkOnPathException(path, "a folder on its path was replaced while Keepsake worked in it; "
          + what + " is not where it should be");
    }
  }

  /** Turns a failed open into the precise trouble: a link, a file where a folder belongs, or the original. */
  private IOException refine(String name, IOException e, String wanted) {
    if (e instanceof NoSuchFileException || e instanceof FileAlreadyExistsException || e instanceof LinkOnPathException) {
      return e;
    }
    try {
      BasicFileAttributes there = stat(name);
      if (there.isSymbolicLink()) {
        return new LinkOnPathException(path.resolve(name), "where " + wanted + " should be");
      }
      if (wanted.equals("a folder") && !there.isDirectory()) {
        NotDirectoryException notDir = new NotDirectoryException(path.resolve(name).toString());
        notDir.initCause(e);
        return notDir;
      }
    } catch (IOException | RuntimeException cannotTell) {
      // keep the original error
    }
    return e;
  }

  /** A single path component: never empty, never a separator, never {@code ..}. */
  static Path component(String name) {
    if (name.isEmpty() || name.indexOf('/') >= 0 || name.indexOf('\0') >= 0 || name.equals("..")) {
      throw new IllegalArgumentException("not a single file name: '" + name + "'");
    }
    return Path.of(name);
  }
}
