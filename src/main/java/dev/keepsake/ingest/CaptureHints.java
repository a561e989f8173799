package dev.keepsake.ingest;

import dev.keepsake.source.SourceFile;
import java.time.Instant;

/**
 * What a pass knows of a file's capture time beside the file itself: for an import, its Google
 * Takeout sidecar's {@code photoTakenTime}. It ranks after the file's own metadata and before its
 * name (DESIGN.md §2).
 */
@FunctionalInterface
public interface CaptureHints {
  /** The sidecar's capture time for {@code file}, or null when none is known. */
  Instant takenAt(SourceFile file);

  CaptureHints NONE = file -> null;
}
