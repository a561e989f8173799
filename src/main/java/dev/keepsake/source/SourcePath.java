package dev.keepsake.source;

import java.util.Locale;

/**
 * A file's path below its source: {@code /}-separated, relative, as the ledger keeps it
 * ({@code DCIM/Camera/IMG_1.JPG}). The one place that says what a path's name, folder and stem are.
 *
 * @param value the relative path; never empty, never absolute
 */
public record SourcePath(String value) implements Comparable<SourcePath> {
  public SourcePath {
    if (value.isEmpty() || value.startsWith("/")) {
      throw new IllegalArgumentException("not a path below a source: '" + value + "'");
    }
  }

  /** The last component: {@code IMG_1.JPG}. */
  public String name() {
    return value.substring(value.lastIndexOf('/') + 1);
  }

  /** The folder part, {@code ""} at the source's root: {@code DCIM/Camera}. */
  public String directory() {
    int slash = value.lastIndexOf('/');
    return slash < 0 ? "" : value.substring(0, slash);
  }

  /**
   * The name without its last extension: {@code IMG_1} of {@code IMG_1.JPG}, {@code IMG_1.JPG} of
   * the sidecar {@code IMG_1.JPG.xmp}. A name that starts with its only dot is its own stem.
   */
  public String stem() {
    return stemOf(name());
  }

  /** {@link #stem()} of a bare file name. */
  public static String stemOf(String name) {
    int dot = name.lastIndexOf('.');
    return dot <= 0 ? name : name.substring(0, dot);
  }

  /**
   * What a photo, its sidecars and its Live Photo video all share, lower-cased: the name up to its
   * first dot ({@code img_1} of {@code IMG_1.JPG}, {@code IMG_1.JPG.xmp} and {@code IMG_1.MOV}).
   * Wider than a stem on purpose: files of one family are never split between two chunks of a pass.
   */
  public String family() {
    String name = name();
    int dot = name.indexOf('.');
    return (dot <= 0 ? name : name.substring(0, dot)).toLowerCase(Locale.ROOT);
  }

  /** The ledger's order: UTF-8 bytes ({@link SortedWalk#compare}). */
  @Override
  public int compareTo(SourcePath other) {
    return SortedWalk.compare(value, other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
