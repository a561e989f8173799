package dev.keepsake.fs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * One file below a {@link ConfinedRoot}, by its path relative to the root: opened and stat'ed
 * without following a link at any component.
 */
public record ConfinedFile(ConfinedRoot root, String relative) {
  public FileChannel open() throws IOException {
    return root.openForReading(relative);
  }

  public BasicFileAttributes stat() throws IOException {
    return root.stat(relative);
  }

  /** Where it is, for messages. */
  public Path path() {
    return root.resolve(relative);
  }

  /** Its last name. */
  public String name() {
    int slash = relative.lastIndexOf('/');
    return slash < 0 ? relative : relative.substring(slash + 1);
  }

  @Override
  public String toString() {
    return path().toString();
  }
}
