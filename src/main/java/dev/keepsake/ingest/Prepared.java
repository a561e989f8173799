package dev.keepsake.ingest;

import dev.keepsake.archive.ContentHash;
import dev.keepsake.archive.StagedCopy;
import dev.keepsake.ledger.KnownFile;
import dev.keepsake.media.CaptureDate;
import dev.keepsake.media.MediaType;
import dev.keepsake.source.SourceFile;
import java.util.Map;

/**
 * A file after the parallel part of its ingest (dating, hashing, the verified copy to a temp file),
 * waiting for the serial part (dedupe, final name, ledger). Either {@code outcome} is set — the
 * file's fate is already decided — or the rest describes what to finish.
 *
 * @param file the file as last stat'ed (a retry after a change re-stats it)
 * @param preHash the content hash when it was computed without copying (known or dry-run files)
 * @param staged the verified temp copy, or {@code null} when nothing was copied
 * @param values the layout values, for the final name
 * @param fileName the name a following file must take, or {@code null} for the layout's
 */
record Prepared(
    FileOutcome outcome, SourceFile file, KnownFile known, MediaType type, CaptureDate date,
    ContentHash preHash, StagedCopy staged, String directory, Map<String, String> values, String fileName) {

  static Prepared decided(FileOutcome outcome) {
    return new Prepared(outcome, outcome.file(), null, null, null, null, null, null, null, null);
  }

  ContentHash hash() {
    return staged != null ? staged.hash() : preHash;
  }
}
