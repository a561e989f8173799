package dev.keepsake.source;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One configured source folder.
 *
 * @param name the name used as {@code {source}} in the layout and in reports
 * @param root the folder's real path (symlinks resolved once, at configuration time)
 * @param filter which files under it count
 * @param includeOther whether files that are neither photo nor video are archived too
 */
public record Source(String name, Path root, PathFilter filter, boolean includeOther) {
  public Source {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(filter, "filter");
  }

  /** The root, for reads that never leave it through a link. */
  public dev.keepsake.fs.ConfinedRoot confined() {
    return new dev.keepsake.fs.ConfinedRoot(root);
  }

  public static Source of(String name, Path root) {
    return new Source(name, root, PathFilter.of(List.of(), List.of()), false);
  }
}
