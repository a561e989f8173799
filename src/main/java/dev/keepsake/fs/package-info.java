/**
 * Confined file access: every path below a root (a source, the archive) is opened component by
 * component relative to its parent folder, never following a symbolic link, so no path — from a
 * walk, a hook, an event, the ledger or a layout — can lead out of its root. A planted link is an
 * error that names it ({@link dev.keepsake.fs.LinkOnPathException}).
 *
 * {@link dev.keepsake.fs.LimitedInputStream} bounds what is read from input an outsider sizes.
 *
 * <p>This package knows no pipeline type; it holds no state beyond open folder handles.
 */
package dev.keepsake.fs;
