package dev.keepsake.source;

import dev.keepsake.fs.ConfinedRoot;
import dev.keepsake.fs.Folder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks on relative paths that arrive from outside (Syncthing events, hooks): they must stay inside
 * their source — no {@code ..}, no absolute path, no NUL — before anything resolves them.
 */
public final class SourcePaths {
  private SourcePaths() {}

  /** Why {@code relative} is refused, or {@code null} when it is a plain path inside a source. */
  public static String problem(String relative) {
    if (relative == null || relative.isEmpty()) {
      return "empty path";
    }
    if (relative.indexOf('\0') >= 0) {
      return "contains a NUL character";
    }
    if (relative.startsWith("/") || relative.startsWith("\\") || relative.matches("^[A-Za-z]:.*")) {
      return "is absolute; paths must be relative to the source folder";
    }
    for (String part : relative.split("[/\\\\]")) {
      if (part.equals("..")) {
        return "climbs out of the source with '..'";
      }
    }
    if (normalize(relative).isEmpty()) {
      return "names the source folder itself, not a file";
    }
    return null;
  }

  /**
   * The one spelling of a relative path: empty and {@code .} parts dropped, so {@code DCIM/./a.jpg},
   * {@code DCIM//a.jpg} and {@code DCIM/a.jpg/} are all {@code DCIM/a.jpg} (one ledger row, one
   * queue entry). Call it after {@link #problem} found nothing wrong.
   */
  public static String normalize(String relative) {
    if (relative.indexOf("//") < 0 && !relative.startsWith("./") && !relative.endsWith("/") && !relative.equals(".")
        && !relative.contains("/./") && !relative.endsWith("/.")) {
      return relative; // the common case, without splitting
    }
    StringBuilder out = new StringBuilder(relative.length());
    for (String part : relative.split("/")) {
      if (!part.isEmpty() && !part.equals(".")) {
        out.append(out.length() == 0 ? "" : "/").append(part);
      }
    }
    return out.toString();
  }

  /** The path for a log line: control characters shown as escapes. */
  public static String printable(String path) {
    StringBuilder out = new StringBuilder();
    for (char c : String.valueOf(path).toCharArray()) {
      // C0 and C1 controls and DEL: a name must not forge a log line or drive the terminal (ESC sequences)
      out.append(c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f) ? String.format("\\x%02x", (int) c) : String.valueOf(c));
    }
    return out.toString();
  }

  /** Whether any part of the path is an always-ignored directory or the name an ignored file. */
  public static boolean isIgnored(String relative) {
    String[] parts = relative.split("/");
    for (int i = 0; i < parts.length - 1; i++) {
      if (PathFilter.isIgnoredDirectory(parts[i])) {
        return true;
      }
    }
    return PathFilter.isIgnoredFile(parts[parts.length - 1]);
  }

  /**
   * Other files in the same folder whose name starts with the same stem (companions), relative.
   * The folder is read without following links; one that cannot be read has no companions here.
   */
  public static List<String> stemSiblings(ConfinedRoot root, String relative) {
    int slash = relative.lastIndexOf('/');
    String dir = slash < 0 ? "" : relative.substring(0, slash + 1);
    String name = relative.substring(slash + 1);
    int dot = name.indexOf('.');
    String stem = (dot <= 0 ? name : name.substring(0, dot)).toLowerCase(Locale.ROOT);
    List<String> siblings = new ArrayList<>();
    try (Folder folder = root.folder(dir)) {
      for (String n : folder.names(n -> n.toLowerCase(Locale.ROOT).startsWith(stem + "."))) {
        if (!n.equals(name)) {
          siblings.add(dir + n);
        }
      }
    } catch (IOException | RuntimeException noFolder) {
      // the folder is gone too, or a link: nothing beside it (the path itself reports a link)
    }
    return siblings;
  }
}
