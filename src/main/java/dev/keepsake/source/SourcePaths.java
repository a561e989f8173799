package dev.keepsake.source;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
    return null;
  }

  /** The path for a log line: control characters shown as escapes. */
  public static String printable(String path) {
    StringBuilder out = new StringBuilder();
    for (char c : String.valueOf(path).toCharArray()) {
      out.append(c < 0x20 ? String.format("\\x%02x", (int) c) : String.valueOf(c));
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

  /** Other files in the same folder whose name starts with the same stem (companions), relative. */
  public static List<String> stemSiblings(Path root, String relative) {
    int slash = relative.lastIndexOf('/');
    String dir = slash < 0 ? "" : relative.substring(0, slash + 1);
    String name = relative.substring(slash + 1);
    int dot = name.indexOf('.');
    String stem = (dot <= 0 ? name : name.substring(0, dot)).toLowerCase(Locale.ROOT);
    List<String> siblings = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(root.resolve(relative).getParent(),
        p -> p.getFileName().toString().toLowerCase(Locale.ROOT).startsWith(stem + "."))) {
      for (Path p : entries) {
        String n = p.getFileName().toString();
        if (!n.equals(name)) {
          siblings.add(dir + n);
        }
      }
    } catch (IOException | RuntimeException noFolder) {
      // the folder is gone too: nothing beside it
    }
    return siblings;
  }
}
