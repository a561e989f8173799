/**
 * The composition root. {@link dev.keepsake.app.Keepsake} opens an archive once — its lock, its
 * ledger, the temp files a crash left — and hands the ledger to what works on it;
 * {@link dev.keepsake.app.Service} builds the running service over it (queue, watchers, Syncthing
 * follower and folder lookout, notifier, weekly report, verify job, status server);
 * {@link dev.keepsake.app.FolderMatch} is the one rule for which source a Syncthing folder is, and
 * {@link dev.keepsake.app.FolderPaths} where it is when Syncthing cannot say; {@link dev.keepsake.app.VerifyJob}
 * re-hashes the archive (on demand and on the service's schedule); {@link dev.keepsake.app.ImportJob}
 * checks an import's paths and runs it over the opened archive. The CLI calls these and prints;
 * the packages below never open a ledger or take a lock themselves.
 */
package dev.keepsake.app;
