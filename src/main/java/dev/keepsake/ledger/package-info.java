/**
 * The ledger: one SQLite file that remembers every source path seen (with the stat used to skip
 * unchanged files), every archived content (by SHA-256, with its capture date and the rule that
 * found it), and the directories where temp files may be left after a crash.
 *
 * <p>The schema is versioned with {@code PRAGMA user_version} and migrated forward on open; a ledger
 * from a newer Keepsake is refused, never downgraded.
 */
package dev.keepsake.ledger;
