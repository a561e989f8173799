/**
 * What a file is (photo, video, sidecar, other — decided by content) and when it was captured.
 *
 * <p>Reads files, never writes them. Every extraction failure becomes an absent value, never an
 * exception that stops an ingest: a corrupt file is still archived, dated by the next rule.
 */
package dev.keepsake.media;
