package dev.keepsake.ledger;

import dev.keepsake.archive.ContentHash;
import dev.keepsake.media.CaptureDate;
import dev.keepsake.media.MediaType;
import java.time.Instant;

/**
 * One distinct content in the archive.
 *
 * @param archivePath path below the archive root, {@code /}-separated
 * @param source, sourcePath where it was first seen
 */
public record ArchivedContent(
    ContentHash hash, String archivePath, long bytes, MediaType type, CaptureDate date,
    String source, String sourcePath, Instant ingestedAt) {}
