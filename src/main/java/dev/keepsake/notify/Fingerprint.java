package dev.keepsake.notify;

import java.util.Locale;

/**
 * Groups alike errors: kind + source + path pattern, where the pattern is the parent folder with
 * digit runs as {@code #}, then {@code *.ext}. So 500 photos of {@code DCIM/Camera} failing with
 * {@code permission-denied} are one line: {@code permission-denied pixel DCIM/Camera/*.jpg}.
 */
public record Fingerprint(String kind, String source, String pattern) {

  public static Fingerprint of(String kind, String source, String path) {
    return new Fingerprint(kind, source == null ? "" : source, pattern(path));
  }

  static String pattern(String path) {
    if (path == null || path.isEmpty()) {
      return "";
    }
    int slash = path.lastIndexOf('/');
    String dir = slash < 0 ? "" : path.substring(0, slash).replaceAll("\\d+", "#");
    String name = path.substring(slash + 1);
    int dot = name.lastIndexOf('.');
    String ext = dot <= 0 ? "" : name.substring(dot).toLowerCase(Locale.ROOT);
    // control characters escaped: a key never holds its own separator, a subject never a newline
    return dev.keepsake.source.SourcePaths.printable((dir.isEmpty() ? "" : dir + "/") + "*" + ext);
  }

  /** The stable key stored in the ledger. */
  public String key() {
    return kind + "\u001f" + source + "\u001f" + pattern;
  }

  public static Fingerprint fromKey(String key) {
    String[] p = key.split("\u001f", -1);
    return new Fingerprint(p[0], p[1], p[2]);
  }

  @Override
  public String toString() {
    return kind + " " + (source.isEmpty() ? "" : source + " ") + pattern;
  }
}
