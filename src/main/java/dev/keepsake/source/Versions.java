package dev.keepsake.source;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds the copy Syncthing's versioning kept of a file that is gone from a source: trashcan keeps
 * {@code .stversions/<path>}; simple and staggered keep {@code .stversions/<dir>/<stem>~YYYYMMDD-HHMMSS.<ext>}
 * (the newest is taken). This is how a photo the phone deleted seconds after taking it is still
 * archived.
 */
public final class Versions {
  private static final Pattern STAMP = Pattern.compile("~\\d{8}-\\d{6}");

  private Versions() {}

  public static Optional<Path> find(Path sourceRoot, String relative) {
    Path versions = sourceRoot.resolve(".stversions");
    Path trashcan = versions.resolve(relative);
    if (Files.isRegularFile(trashcan, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.of(trashcan);
    }
    Path dir = trashcan.getParent();
    String name = trashcan.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String stem = dot <= 0 ? name : name.substring(0, dot);
    String ext = dot <= 0 ? "" : name.substring(dot);
    List<Path> stamped = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir,
        p -> {
          String n = p.getFileName().toString();
          return n.startsWith(stem + "~") && n.endsWith(ext)
              && STAMP.matcher(n.substring(stem.length(), n.length() - ext.length())).matches();
        })) {
      for (Path p : entries) {
        if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          stamped.add(p);
        }
      }
    } catch (IOException noVersions) {
      return Optional.empty();
    }
    return stamped.stream().max(Comparator.comparing(p -> p.getFileName().toString()));
  }
}
