package dev.keepsake.ingest;

import dev.keepsake.source.SourcePath;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds the files that belong together in one source directory: a sidecar's primary
 * ({@code IMG_1.JPG.xmp} → {@code IMG_1.JPG}; {@code IMG_1.xmp} or {@code IMG_1.AAE} → any
 * {@code IMG_1.*}) and a Live Photo's other half (same stem). Names are compared case-insensitively,
 * as phones are not consistent about case.
 */
final class Companions {
  private final Map<String, List<String>> byDirAndStem = new HashMap<>();

  Companions(Collection<String> relativePaths) {
    for (String path : relativePaths) {
      byDirAndStem.computeIfAbsent(key(dir(path), stem(name(path))), k -> new ArrayList<>()).add(path);
    }
  }

  /** Paths that may be the primary of {@code sidecar}, best guess first. */
  List<String> primaryCandidates(String sidecar) {
    String dir = dir(sidecar);
    String withoutExt = stem(name(sidecar)); // IMG_1.JPG for IMG_1.JPG.xmp, IMG_1 for IMG_1.xmp
    List<String> out = new ArrayList<>();
    for (String path : byDirAndStem.getOrDefault(key(dir, stem(withoutExt)), List.of())) {
      if (name(path).equalsIgnoreCase(withoutExt)) {
        out.add(0, path);
      } else if (!path.equals(sidecar) && stem(name(path)).equalsIgnoreCase(withoutExt)) {
        out.add(path);
      }
    }
    for (String path : byDirAndStem.getOrDefault(key(dir, withoutExt), List.of())) {
      if (!path.equals(sidecar) && !out.contains(path)) {
        out.add(path);
      }
    }
    return out;
  }

  /** Other files in the same directory with the same stem (a Live Photo's still for its video). */
  List<String> stemMates(String path) {
    List<String> out = new ArrayList<>(byDirAndStem.getOrDefault(key(dir(path), stem(name(path))), List.of()));
    out.remove(path);
    return out;
  }

  private static String key(String dir, String stem) {
    return dir + "/" + stem.toLowerCase(Locale.ROOT);
  }

  private static String dir(String path) {
    return new SourcePath(path).directory();
  }

  private static String name(String path) {
    return new SourcePath(path).name();
  }

  private static String stem(String name) {
    return SourcePath.stemOf(name);
  }
}
