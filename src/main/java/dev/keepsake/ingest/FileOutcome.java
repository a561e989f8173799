package dev.keepsake.ingest;

import dev.keepsake.failure.FailureKind;
import dev.keepsake.media.CaptureDate;
import dev.keepsake.source.SourceFile;

/**
 * What happened to one source file in a pass.
 *
 * @param archivePath where its content is in the archive (archived, duplicate, unchanged), else null
 * @param bytes bytes copied (archived only)
 * @param date its capture date, when it was determined
 * @param failure for {@link Kind#FAILED}: what kind of failure
 * @param message for failed and skipped files: what happened and what to do
 */
public record FileOutcome(
    Kind kind, SourceFile file, String archivePath, long bytes, CaptureDate date, FailureKind failure, String message) {

  public enum Kind { ARCHIVED, DUPLICATE, UNCHANGED, SKIPPED, FAILED }

  static FileOutcome archived(SourceFile file, String archivePath, long bytes, CaptureDate date) {
    return new FileOutcome(Kind.ARCHIVED, file, archivePath, bytes, date, null, null);
  }

  static FileOutcome duplicate(SourceFile file, String archivePath, CaptureDate date) {
    return new FileOutcome(Kind.DUPLICATE, file, archivePath, 0, date, null, null);
  }

  static FileOutcome unchanged(SourceFile file, String archivePath) {
    return new FileOutcome(Kind.UNCHANGED, file, archivePath, 0, null, null, null);
  }

  static FileOutcome skipped(SourceFile file, String why) {
    return new FileOutcome(Kind.SKIPPED, file, null, 0, null, null, why);
  }

  static FileOutcome failed(SourceFile file, FailureKind failure, String message) {
    return new FileOutcome(Kind.FAILED, file, null, 0, null, failure, message);
  }

  /**
   * A source file that could not be read: permission denied, gone (deleted on the phone before its
   * turn), or another I/O error — each with the fix.
   */
  static FileOutcome sourceReadFailed(SourceFile file, java.io.IOException e) {
    if (e instanceof java.nio.file.AccessDeniedException) {
      return failed(file, FailureKind.PERMISSION_DENIED, "permission denied reading " + file.path()
          + "; give the Keepsake user read access to it");
    }
    if (e instanceof java.nio.file.NoSuchFileException) {
      return failed(file, FailureKind.VANISHED_BEFORE_COPY, file.path() + " vanished before it could be copied"
          + " (deleted on the phone?); enable versioning on the NAS folder to keep such files");
    }
    return failed(file, FailureKind.UNREADABLE, file.path() + ": cannot read (" + e.getMessage() + ")");
  }

  /** Whether its content is (now) in the archive. */
  public boolean isInArchive() {
    return archivePath != null;
  }
}
