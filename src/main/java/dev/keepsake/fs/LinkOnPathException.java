package dev.keepsake.fs;

import java.nio.file.FileSystemException;
import java.nio.file.Path;

/**
 * A symbolic link stands where a confined path needs a real folder or file. Keepsake never follows
 * it: the operation is refused and the link named, so the owner can remove it (or, for a source,
 * add the folder it points to as a source of its own).
 */
public final class LinkOnPathException extends FileSystemException {
  private final Path link;

  public LinkOnPathException(Path link, String why) {
    super(link.toString(), null, why);
    this.link = link;
  }

  /** The link that was refused. */
  public Path link() {
    return link;
  }

  @Override
  public String getMessage() {
    return link + " is a symbolic link (" + getReason() + "), which Keepsake never follows";
  }
}
