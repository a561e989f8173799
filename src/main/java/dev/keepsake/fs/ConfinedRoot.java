package dev.keepsake.fs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A root folder (a source, the archive) that relative paths below it never leave. The root itself
 * is the owner's choice and may be reached through links; below it, each component is opened in its
 * parent without following links ({@link Folder}). Relative paths are {@code /}-separated; empty
 * and {@code .} parts are skipped, {@code ..} is refused.
 *
 * <p>Immutable and cheap: it holds only the root's path. Thread-safe. While a pass keeps the root's
 * folders open ({@link #keepFoldersOpen}), folders are leased from {@link OpenFolders} instead of
 * walked from the root each time.
 */
public final class ConfinedRoot {
  private final Path root;

  public ConfinedRoot(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  /** Whether this JVM binds paths to open folders (see {@link FolderFd}); doctor reports it. */
  public static boolean foldersBound() {
    return FolderFd.available();
  }

  /**
   * Keeps the folders this root's paths walk through open until the returned handle is closed (for
   * one pass of many files; see {@link OpenFolders} for the bounds). Close it in a finally.
   */
  public KeptOpen keepFoldersOpen() {
    return OpenFolders.keep(root);
  }

  /** Folders kept open until closed. */
  public interface KeptOpen extends AutoCloseable {
    @Override
    void close();
  }

  /** The root folder itself. */
  public Folder open() throws IOException {
    DirectoryStream<Path> stream = Files.newDirectoryStream(root);
    if (stream instanceof SecureDirectoryStream<Path> secure) {
      return new Folder(secure, root);
    }
    stream.close();
    throw new IOException(root + ": this file system cannot open folders relative to each other (openat);"
        + " Keepsake needs Linux for its sources and archive");
  }

  /**
   * The folder at {@code relative} (the root for {@code ""}).
   *
   * @throws LinkOnPathException when any component is a symbolic link
   */
  public Folder folder(String relative) throws IOException {
    OpenFolders kept = OpenFolders.of(root);
    if (kept != null) {
      return kept.folder(relative, null, null);
    }
    Folder current = open();
    for (String part : components(relative)) {
      current = step(current, part, null, null);
    }
    return current;
  }

  /**
   * The folder at {@code relative}, creating the missing ones (each made with {@code mode} and told
   * to {@code made} after its parent was fsync'd, so a new folder survives a crash).
   */
  public Folder folderCreating(String relative, Set<PosixFilePermission> mode, Consumer<Path> made) throws IOException {
    OpenFolders kept = OpenFolders.of(root);
    if (kept != null) {
      return kept.folder(relative, mode, made);
    }
    Folder current = open();
    for (String part : components(relative)) {
      current = step(current, part, mode, made);
    }
    return current;
  }

  /** From {@code parent} (closed here) into its sub-folder {@code part}, made first when {@code mode} is given. */
  static Folder step(Folder parent, String part, Set<PosixFilePermission> mode, Consumer<Path> made)
      throws IOException {
    try (parent) {
      try {
        return parent.child(part);
      } catch (NoSuchFileException missing) {
        if (mode == null) {
          throw missing;
        }
        try {
          parent.mkdir(part);
          parent.setMode(part, mode);
          parent.fsync();
          made.accept(parent.path().resolve(part));
        } catch (FileAlreadyExistsException raced) {
          // made meanwhile: opened below, without following links, like any other
        }
        return parent.child(part);
      }
    }
  }

  /** Opens the file at {@code relative} for reading, never through a link. */
  public FileChannel openForReading(String relative) throws IOException {
    Split split = split(relative);
    try (Folder folder = folder(split.directory())) {
      return folder.openForReading(split.name());
    }
  }

  /** The attributes of the file at {@code relative} itself (a link there is described, not followed). */
  public BasicFileAttributes stat(String relative) throws IOException {
    Split split = split(relative);
    try (Folder folder = folder(split.directory())) {
      return folder.stat(split.name());
    }
  }

  /** The path of {@code relative} below the root, for messages. */
  public Path resolve(String relative) {
    return root.resolve(relative);
  }

  /** {@code relative}'s parts; {@code ..} refused. */
  public static List<String> components(String relative) throws IOException {
    List<String> parts = new ArrayList<>();
    for (String part : relative.split("/")) {
      if (part.equals("..")) {
        throw new IOException("'" + relative + "' climbs out of its root with '..'");
      }
      if (!part.isEmpty() && !part.equals(".")) {
        parts.add(part);
      }
    }
    return parts;
  }

  /** A relative path as its folder and its last name. */
  record Split(String directory, String name) {}

  static Split split(String relative) throws IOException {
    List<String> parts = components(relative);
    if (parts.isEmpty()) {
      throw new IOException("'" + relative + "' names no file");
    }
    return new Split(String.join("/", parts.subList(0, parts.size() - 1)), parts.get(parts.size() - 1));
  }

  @Override
  public String toString() {
    return root.toString();
  }
}
