/**
 * Ingest: decide for each source file whether to skip it, wait, or archive it, and do so; a pass
 * over whole sources with its summary. The ingestor is idempotent: feeding it the same path twice
 * archives it once.
 */
package dev.keepsake.ingest;
