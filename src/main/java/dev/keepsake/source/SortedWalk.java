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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Walks a source in the order the ledger sorts paths — byte order of their UTF-8 — so a walk and
 * the ledger's rows can be compared as two sorted streams, never as a set of everything. Depth
 * first, each folder's entries sorted by name, folders as if their name ended in {@code /}: then
 * {@code DCIM/a.jpg} comes before {@code DCIM/a/b.jpg}, as in the ledger. Memory is one folder's
 * entries per level, whatever the size of the source. Links are never followed.
 */
public final class SortedWalk {
  /** Told each entry, in path order. */
  public interface Sink {
    /** A regular file that counts. */
    void file(SourceFile file) throws IOException;

    /** An entry that exists but does not count (excluded, a link, a device, an always-ignored name). */
    void passedOver(String relative, String reason) throws IOException;

    /** A file or folder whose name cannot be turned into text and back. */
    void unrepresentable(String shown) throws IOException;

    /** A folder (or file) that could not be read: what is below it is unknown, not gone. */
    void unreadable(String relative, String problem) throws IOException;
  }

  private record Entry(Path path, String name, String key, BasicFileAttributes attrs) {}

  private static final Comparator<Entry> ORDER = (a, b) -> compare(a.key(), b.key());

  private SortedWalk() {}

  /**
   * @throws NoSuchFileException when the source root is missing or not a folder
   */
  public static void walk(Source source, Sink sink) throws IOException {
    if (!Files.isDirectory(source.root())) {
      throw new NoSuchFileException(source.root().toString(), null, "source folder does not exist or is not a directory");
    }
    folder(source, source.root(), "", sink);
  }

  private static void folder(Source source, Path dir, String prefix, Sink sink) throws IOException {
    List<Entry> entries = new ArrayList<>();
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
        entries.add(new Entry(p, name, attrs.isDirectory() ? name + "/" : name, attrs));
      }
    } catch (NoSuchFileException gone) {
      return; // the folder went while we walked
    } catch (IOException e) {
      sink.unreadable(prefix.isEmpty() ? "." : prefix.substring(0, prefix.length() - 1), describe(e));
      return;
    }
    entries.sort(ORDER);
    for (Entry e : entries) {
      String relative = prefix + e.name();
      if (!FileNameEncoding.representable(e.path())) {
        sink.unrepresentable(relative + (e.attrs().isDirectory() ? "/" : ""));
      } else if (e.attrs().isDirectory()) {
        if (!PathFilter.isIgnoredDirectory(e.name())) {
          folder(source, e.path(), relative + "/", sink);
        }
      } else if (PathFilter.isIgnoredFile(e.name())) {
        continue; // never looked at, never counted
      } else if (!e.attrs().isRegularFile()) {
        sink.passedOver(relative, e.attrs().isSymbolicLink() ? "symbolic link, not followed" : "not a regular file");
      } else if (!source.filter().accepts(relative)) {
        sink.passedOver(relative, "excluded by include/exclude");
      } else {
        sink.file(SourceFile.of(source, relative, e.attrs()));
      }
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
