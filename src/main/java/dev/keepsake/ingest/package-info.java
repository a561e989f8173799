/**
 * Ingest: decide for each source file whether to skip it, wait, or archive it, and do so; a pass
 * over whole sources with its summary, and the service's loop over the queue. The ingestor is
 * idempotent: feeding it the same path twice archives it once.
 *
 * <p>It works on an archive opened for it ({@code app.Keepsake} holds the lock and the ledger and
 * hands the ledger in): nothing here opens a ledger, takes a lock or knows Syncthing.
 */
package dev.keepsake.ingest;
