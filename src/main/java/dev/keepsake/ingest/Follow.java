package dev.keepsake.ingest;

import dev.keepsake.media.CaptureDate;

/**
 * Where a file that follows another one goes: a sidecar next to its photo under the photo's archived
 * stem, or a Live Photo's video next to its still.
 *
 * @param directory archive directory of the file it follows (relative, {@code /}-separated)
 * @param fileName the name to use, or {@code null} to take the layout's name
 * @param date the capture date to record, or {@code null} to read the file's own
 */
record Follow(String directory, String fileName, CaptureDate date) {}
