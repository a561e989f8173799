package dev.keepsake.source;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Decides which paths of a source count, by the always-ignored names and the source's include and
 * exclude globs. Paths are relative to the source root, {@code /}-separated.
 *
 * <p>Globs follow {@link java.nio.file.FileSystem#getPathMatcher} syntax; a leading {@code **}{@code /}
 * also matches at the root, so {@code **}{@code /.thumbnails/**} excludes {@code .thumbnails/a.jpg} too.
 * An empty include list means everything.
 */
public final class PathFilter {
  /** Directories never entered: Syncthing's markers and versions, thumbnails, Synology's index. */
  private static final Set<String> IGNORED_DIRS = Set.of(".stfolder", ".stversions", ".thumbnails", "@eaDir", ".keepsake");
  private static final Set<String> IGNORED_FILES = Set.of(".stignore", ".stfolder", ".nomedia", ".ds_store", "thumbs.db", "desktop.ini");

  private final List<Glob> include;
  private final List<Glob> exclude;

  private record Glob(String text, PathMatcher matcher, PathMatcher atRoot) {
    boolean matches(Path relative) {
      return matcher.matches(relative) || (atRoot != null && atRoot.matches(relative));
    }
  }

  private PathFilter(List<Glob> include, List<Glob> exclude) {
    this.include = include;
    this.exclude = exclude;
  }

  /**
   * @throws IllegalArgumentException naming the glob when one does not parse
   */
  public static PathFilter of(List<String> include, List<String> exclude) {
    return new PathFilter(compile(include), compile(exclude));
  }

  private static List<Glob> compile(List<String> globs) {
    return globs.stream().map(PathFilter::compile).toList();
  }

  private static Glob compile(String glob) {
    try {
      PathMatcher atRoot = glob.startsWith("**/") ? matcher(glob.substring(3)) : null;
      return new Glob(glob, matcher(glob), atRoot);
    } catch (IllegalArgumentException bad) { // PatternSyntaxException included
      throw new IllegalArgumentException("invalid glob '" + glob + "': " + bad.getMessage(), bad);
    }
  }

  private static PathMatcher matcher(String glob) {
    return FileSystems.getDefault().getPathMatcher("glob:" + glob);
  }

  /** Whether a directory with this name is never entered. */
  public static boolean isIgnoredDirectory(String name) {
    return IGNORED_DIRS.contains(name) || isTrashOrPending(name);
  }

  /**
   * Whether a file with this name is never looked at: Syncthing's in-flight temp files, Android's
   * trashed and pending files, Keepsake's own temp files, desktop litter.
   */
  public static boolean isIgnoredFile(String name) {
    return IGNORED_FILES.contains(name.toLowerCase(Locale.ROOT))
        || isTrashOrPending(name)
        || (name.startsWith(".syncthing.") && name.endsWith(".tmp"))
        || (name.startsWith("~syncthing~") && name.endsWith(".tmp"))
        || name.startsWith(".keepsake-tmp-");
  }

  private static boolean isTrashOrPending(String name) {
    return name.startsWith(".trashed-") || name.startsWith(".pending-");
  }

  /** Whether the file at {@code relative} passes the source's include and exclude globs. */
  public boolean accepts(String relative) {
    if (include.isEmpty() && exclude.isEmpty()) {
      return true; // the common case: no globs, no path to parse for each of 100k files
    }
    Path path = Path.of(relative);
    boolean included = include.isEmpty() || include.stream().anyMatch(g -> g.matches(path));
    return included && exclude.stream().noneMatch(g -> g.matches(path));
  }
}
