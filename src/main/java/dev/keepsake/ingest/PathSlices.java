package dev.keepsake.ingest;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Cuts a source's reported paths into passes of at most about {@code max} files, so the memory of
 * one pass (a file record, a ledger row and their companions per path) is bounded however many
 * paths a burst reports. A cut never falls between the files of one stem in one folder
 * ({@code IMG_1234.HEIC}, {@code IMG_1234.MOV}, {@code IMG_1234.xmp}): a Live Photo's halves and a
 * sidecar stay in the pass of their photo.
 */
public final class PathSlices {
  private PathSlices() {}

  public static List<List<String>> of(Collection<String> paths, int max) {
    List<String> sorted = new ArrayList<>(paths);
    sorted.sort(Comparator.comparing(PathSlices::stemKey).thenComparing(Comparator.nullsFirst(Comparator.<String>naturalOrder())));
    List<List<String>> slices = new ArrayList<>();
    List<String> slice = new ArrayList<>();
    String lastKey = null;
    for (String path : sorted) {
      String key = stemKey(path);
      if (slice.size() >= max && !key.equals(lastKey)) {
        slices.add(slice);
        slice = new ArrayList<>();
      }
      slice.add(path);
      lastKey = key;
    }
    if (!slice.isEmpty()) {
      slices.add(slice);
    }
    return slices;
  }

  /** The folder and the name up to its first dot: what a file shares with its companions. */
  public static String stemKey(String path) {
    if (path == null) {
      return "";
    }
    int slash = path.lastIndexOf('/');
    int dot = path.indexOf('.', slash + 2); // a leading dot (._IMG_1.jpg, .hidden) is part of the stem
    return dot < 0 ? path : path.substring(0, dot);
  }
}
