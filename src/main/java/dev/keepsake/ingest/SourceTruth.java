package dev.keepsake.ingest;

import java.time.Instant;

/**
 * What the ledger (and the service's own queue) says of one source now — not counters since start.
 *
 * @param archivedFiles files of the source whose content is in the archive
 * @param waitingFiles media files seen and not yet archived: settling, queued, or failed and waiting to be retried
 * @param oldestWaiting since when the longest-waiting one waits, or null
 * @param lastArrival when a file of the source was last archived, or null
 * @param caughtUpTo Keepsake's half of "safe": every file its signals and scans saw at or before this
 *     is archived, fsync'd and verified; null before the first look at the source has finished
 * @param waitingKind the commonest failure among the waiting files, or null
 * @param waitingMessage that failure's message, or null
 * @param nextRetry when the next waiting file is tried again, or null
 */
public record SourceTruth(long archivedFiles, long waitingFiles, Instant oldestWaiting, Instant lastArrival,
    Instant caughtUpTo, String waitingKind, String waitingMessage, Instant nextRetry) {}
