package dev.keepsake.ledger;

import dev.keepsake.archive.ContentHash;

/**
 * What {@code keepsake why} tells of an archived content beyond its row: the dates the winning rule
 * beat ({@code "filename 2023-09-16T00:00; mtime 2026-11-30T10:00"}, null when there were none)
 * and, for a file the phone had deleted, the {@code .stversions} copy it was read from (null otherwise).
 */
public record ContentNote(ContentHash hash, String beatenDates, String rescuedFrom) {
  public boolean isEmpty() {
    return beatenDates == null && rescuedFrom == null;
  }
}
