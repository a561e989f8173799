/**
 * The composition root ({@link dev.keepsake.app.Keepsake}): opens an archive once — its lock, its
 * ledger, the temp files a crash left — and hands the ledger to what works on it. The CLI calls it
 * and prints; the packages below never open a ledger or take a lock themselves.
 */
package dev.keepsake.app;
