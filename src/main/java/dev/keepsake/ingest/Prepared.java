package dev.keepsake.ingest;

import dev.keepsake.archive.ContentHash;
import dev.keepsake.archive.LayoutTemplate;
import dev.keepsake.archive.StagedCopy;
import dev.keepsake.ledger.KnownFile;
import dev.keepsake.media.CaptureDate;
import dev.keepsake.media.MediaType;
import dev.keepsake.source.SourceFile;

/**
 * A file after the parallel part of its ingest (dating, hashing, the verified copy to a temp file),
 * waiting for the serial part (dedupe, final name, ledger): either its fate is {@link Decided}
 * already, or there is {@link ToFinish what to finish}.
 */
sealed interface Prepared {
  /** The file as last stat'ed (a retry after a change re-stats it). */
  SourceFile file();

  /** What it is, when known (for the companions that follow it). */
  MediaType type();

  /**
   * Nothing left but to report {@code outcome}.
   *
   * @param notMedia a file that is no photo or video: the ledger remembers it as skipped, so later
   *     passes do not look into it again
   */
  record Decided(FileOutcome outcome, boolean notMedia) implements Prepared {
    Decided(FileOutcome outcome) {
      this(outcome, false);
    }

    @Override
    public SourceFile file() {
      return outcome.file();
    }

    @Override
    public MediaType type() {
      return notMedia ? MediaType.OTHER : null;
    }
  }

  /**
   * @param known the ledger's row of the file, or {@code null} when it is new
   * @param preHash the content hash when it was computed without copying (known or dry-run files)
   * @param staged the verified temp copy, or {@code null} when nothing was copied
   * @param values the layout's values, for the final name
   * @param fileName the name a following file must take, or {@code null} for the layout's
   */
  /** @param beatenDates what the other date rules said (for {@code keepsake why}), or null */
  record ToFinish(SourceFile file, KnownFile known, MediaType type, CaptureDate date, ContentHash preHash,
      StagedCopy staged, String directory, LayoutTemplate.Values values, String fileName, String beatenDates)
      implements Prepared {
    ContentHash hash() {
      return staged != null ? staged.hash() : preHash;
    }
  }
}
