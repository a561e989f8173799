package dev.keepsake.archive;

import java.io.IOException;

/** The archive's file system has no room for a file. Nothing partial was left behind. */
public final class ArchiveFullException extends IOException {
  public ArchiveFullException(String message, Throwable cause) {
    super(message, cause);
  }
}
