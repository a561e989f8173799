package dev.keepsake.source;

import dev.keepsake.fs.ConfinedRoot;
import dev.keepsake.fs.Folder;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds the copy Syncthing's versioning kept of a file that is gone from a source: trashcan keeps
 * {@code .stversions/<path>}; simple and staggered keep {@code .stversions/<dir>/<stem>~YYYYMMDD-HHMMSS.<ext>}
 * (the newest is taken). This is how a photo the phone deleted seconds after taking it is still
 * archived. The versions folder is looked into like the rest of the source: never through a link.
 */
public final class Versions {
  public static final String FOLDER = ".stversions";
  private static final Pattern STAMP = Pattern.compile("~\\d{8}-\\d{6}");

  private Versions() {}

  /**
   * The kept copy's path below the source root, or empty.
   *
   * @throws dev.keepsake.fs.LinkOnPathException when a link stands on the way to it
   */
  public static Optional<String> find(ConfinedRoot source, String relative) throws IOException {
    int slash = relative.lastIndexOf('/');
    String dir = slash < 0 ? "" : relative.substring(0, slash);
    String name = relative.substring(slash + 1);
    String keptDir = dir.isEmpty() ? FOLDER : FOLDER + "/" + dir;
    try (Folder folder = source.folder(keptDir)) {
      Optional<BasicFileAttributes> trashcan = folder.statIfExists(name);
      if (trashcan.isPresent() && trashcan.get().isRegularFile()) {
        return Optional.of(keptDir + "/" + name);
      }
      int dot = name.lastIndexOf('.');
      String stem = dot <= 0 ? name : name.substring(0, dot);
      String ext = dot <= 0 ? "" : name.substring(dot);
      List<String> stamped = folder.names(n -> n.startsWith(stem + "~") && n.endsWith(ext)
          && n.length() >= stem.length() + ext.length()
          && STAMP.matcher(n.substring(stem.length(), n.length() - ext.length())).matches());
      for (String candidate : stamped.stream().sorted(Comparator.reverseOrder()).toList()) {
        if (folder.stat(candidate).isRegularFile()) {
          return Optional.of(keptDir + "/" + candidate);
        }
      }
      return Optional.empty();
    } catch (NoSuchFileException | NotDirectoryException noVersions) {
      return Optional.empty();
    }
  }
}
