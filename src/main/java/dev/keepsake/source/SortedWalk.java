package dev.keepsake.source;

import dev.keepsake.fs.FileNameEncoding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;

/**
 * Walks a source in the order the ledger sorts paths — byte order of their UTF-8 — so a walk and
 * the ledger's rows can be compared as two sorted streams, never as a set of everything. Depth
 * first, each folder's entries sorted by name, folders as if their name ended in {@code /}: then
 * {@code DCIM/a.jpg} comes before {@code DCIM/a/b.jpg}, as in the ledger. Memory is one folder's
 * entries per level, whatever the size of the source: a big folder's as packed names ({@link #HELD_WHOLE}).
 * Links are never followed.
 */
public final class SortedWalk {
  /** Told each entry, in path order. */
  public interface Sink {
    /** A regular file that counts. */
    void file(SourceFile file) throws IOException;

    /** An entry that exists but does not count (excluded, a link, a device, an always-ignored name). */
    void passedOver(String relative, String reason) throws IOException;

    /**
     * A file or folder whose name cannot be turned into text and back. It has no place in the
     * ledger's order: in a big folder it is told while the folder is listed, before its neighbours.
     */
    void unrepresentable(String shown) throws IOException;

    /** A folder (or file) that could not be read: what is below it is unknown, not gone. */
    void unreadable(String relative, String problem) throws IOException;
  }

  private record Entry(Path path, String name, String key, BasicFileAttributes attrs) {}

  private static final Comparator<Entry> ORDER = (a, b) -> compare(a.key(), b.key());

  private SortedWalk() {}

  /**
   * Entries of a folder held whole (path and attributes: some 350 bytes each). A bigger folder (a
   * phone's camera folder holds every photo it ever took) is listed as packed names, about 30 bytes
   * each, and each entry is looked at again when its turn comes.
   */
  static final int HELD_WHOLE = 4_096;

  /**
   * @throws NoSuchFileException when the source root is missing or not a folder
   */
  public static void walk(Source source, Sink sink) throws IOException {
    walk(source, sink, HELD_WHOLE);
  }

  /** As {@link #walk(Source, Sink)}, folders of more than {@code heldWhole} entries listed as packed names. */
  static void walk(Source source, Sink sink, int heldWhole) throws IOException {
    if (!Files.isDirectory(source.root())) {
      throw new NoSuchFileException(source.root().toString(), null, "source folder does not exist or is not a directory");
    }
    // a stack of open levels, not recursion: a tree thousands of folders deep (a legal 4,096-byte
    // path) must not overflow the thread's stack
    Deque<Level> levels = new ArrayDeque<>();
    Level top = list(source.root(), "", sink, heldWhole);
    if (top != null) {
      levels.push(top);
    }
    while (!levels.isEmpty()) {
      Level level = levels.peek();
      if (level.next == level.size()) {
        levels.pop();
        continue;
      }
      Level below = next(source, level, sink, heldWhole);
      if (below != null) {
        levels.push(below);
      }
    }
  }

  /** One folder under way: its entries in the ledger's order, whole or as packed names, and the walk's place in them. */
  private static final class Level {
    final Path dir;
    final String prefix;
    final List<Entry> entries; // null when packed
    final PackedNames packed; // null when whole
    int next;

    Level(Path dir, String prefix, List<Entry> entries, PackedNames packed) {
      this.dir = dir;
      this.prefix = prefix;
      this.entries = entries;
      this.packed = packed;
    }

    int size() {
      return entries != null ? entries.size() : packed.size();
    }
  }

  /** Lists and sorts a folder; null when it went meanwhile or could not be read (then said so). */
  private static Level list(Path dir, String prefix, Sink sink, int heldWhole) throws IOException {
    List<Entry> entries = new ArrayList<>();
    PackedNames packed = null;
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      for (Path p : stream) {
        String name = p.getFileName().toString();
        BasicFileAttributes attrs;
        try {
          attrs = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException gone) {
          continue; // deleted while we looked: nothing to archive
        } catch (IOException e) {
          sink.unreadable(prefix + name, describe(e));
          continue;
        }
        if (packed == null && entries.size() < heldWhole) {
          entries.add(new Entry(p, name, attrs.isDirectory() ? name + "/" : name, attrs));
          continue;
        }
        if (packed == null) { // too many to hold whole: from here on, names only
          packed = new PackedNames();
          for (Entry e : entries) {
            pack(packed, e.path(), e.name(), e.attrs(), prefix, sink);
          }
          entries = null;
        }
        pack(packed, p, name, attrs, prefix, sink);
      }
    } catch (NoSuchFileException gone) {
      return null; // the folder went while we walked
    } catch (IOException e) {
      sink.unreadable(prefix.isEmpty() ? "." : prefix.substring(0, prefix.length() - 1), describe(e));
      return null;
    }
    if (packed == null) {
      entries.sort(ORDER);
    } else {
      packed.sort();
    }
    return new Level(dir, prefix, entries, packed);
  }

  /** Tells the level's next entry; returns the folder below to walk next, if it is one. */
  private static Level next(Source source, Level level, Sink sink, int heldWhole) throws IOException {
    int n = level.next++;
    Path p;
    String name;
    BasicFileAttributes attrs;
    if (level.entries != null) {
      Entry e = level.entries.get(n);
      if (!FileNameEncoding.representable(e.path())) {
        sink.unrepresentable(level.prefix + e.name() + (e.attrs().isDirectory() ? "/" : ""));
        return null;
      }
      p = e.path();
      name = e.name();
      attrs = e.attrs();
    } else {
      name = level.packed.name(n);
      p = level.dir.resolve(name);
      try {
        attrs = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      } catch (NoSuchFileException gone) {
        return null; // deleted since it was listed
      } catch (IOException e) {
        sink.unreadable(level.prefix + name, describe(e));
        return null;
      }
      if (attrs.isDirectory() != level.packed.isFolder(n)) { // its place in the order was a file's, or a folder's
        sink.unreadable(level.prefix + name, "changed between file and folder while being looked at; looked at again on the next pass");
        return null;
      }
    }
    String relative = level.prefix + name;
    if (attrs.isDirectory()) {
      return PathFilter.isIgnoredDirectory(name) ? null : list(p, relative + "/", sink, heldWhole);
    }
    if (PathFilter.isIgnoredFile(name)) {
      return null; // never looked at, never counted
    }
    if (!attrs.isRegularFile()) {
      sink.passedOver(relative, attrs.isSymbolicLink() ? "symbolic link, not followed" : "not a regular file");
    } else if (!source.filter().accepts(relative)) {
      sink.passedOver(relative, "excluded by include/exclude");
    } else {
      sink.file(SourceFile.of(source, relative, attrs));
    }
    return null;
  }

  /** A big folder's entry, listed by name; one whose name is not text is told at once (it has no place in the order). */
  private static void pack(PackedNames packed, Path p, String name, BasicFileAttributes attrs, String prefix, Sink sink)
      throws IOException {
    if (FileNameEncoding.representable(p)) {
      packed.add(name, attrs.isDirectory());
    } else {
      sink.unrepresentable(prefix + name + (attrs.isDirectory() ? "/" : ""));
    }
  }

  private static String describe(IOException e) {
    return e instanceof AccessDeniedException
        ? "permission denied (give the Keepsake user read access to it)"
        : "cannot read (" + e.getMessage() + ")";
  }

  /**
   * The ledger's order of two relative paths: unsigned bytes of their UTF-8. Java's own string order
   * is the same except where surrogate pairs meet characters from U+E000 up, so only then are the
   * bytes compared (no allocation on the way of a million-file pass).
   */
  public static int compare(String a, String b) {
    if (noSurrogates(a) && noSurrogates(b)) {
      return a.compareTo(b);
    }
    return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  private static boolean noSurrogates(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isSurrogate(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
