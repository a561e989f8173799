/**
 * The names of what goes wrong ({@link dev.keepsake.failure.FailureKind}): one list that ingest
 * reports with, the digests classify by, and status, metrics and README show. On the ground floor:
 * it imports nothing of Keepsake, and everything that names a kind imports it.
 */
package dev.keepsake.failure;
