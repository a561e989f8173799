package dev.keepsake.archive;

import java.io.IOException;

/** The source file changed while it was being copied; the copy was thrown away, to retry later. */
public final class SourceChangedException extends IOException {
  public SourceChangedException(String message) {
    super(message);
  }
}
