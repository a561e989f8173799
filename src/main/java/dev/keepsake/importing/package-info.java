/**
 * {@code keepsake import}: an old library (a folder, an extracted Google Takeout) brought into the
 * archive through the same write-once copy, layout, dedupe and ledger as {@code ingest}, read in
 * place one folder at a time, paced, resumable by the ledger. Knows the {@code ingest} pass it
 * feeds and the {@code takeout} sidecars; opens no ledger itself ({@code app} hands it an archiver).
 */
package dev.keepsake.importing;
