/**
 * The ledger: one SQLite file, one core ({@link dev.keepsake.ledger.Ledger}: connection, schema,
 * transactions) and a store per concern — source files and archived contents
 * ({@link dev.keepsake.ledger.FileStore}), the temp-folder journal ({@link dev.keepsake.ledger.TempJournal}),
 * what Keepsake keeps about Syncthing ({@link dev.keepsake.ledger.SyncthingState}), small named facts
 * ({@link dev.keepsake.ledger.Marks}), incidents and the digest log ({@link dev.keepsake.ledger.Incidents}),
 * the retry schedule ({@link dev.keepsake.ledger.RetrySchedule}), and the weekly report's queries.
 * Stores take and give their own key types ({@link dev.keepsake.ledger.SeenFile},
 * {@link dev.keepsake.ledger.KnownFile}, …), never the pipeline's.
 *
 * <p>The schema is versioned with {@code PRAGMA user_version} and migrated forward on open; a ledger
 * from a newer Keepsake is refused, never downgraded.
 */
package dev.keepsake.ledger;
