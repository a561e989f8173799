/**
 * The archive: where a file goes (the layout template), and how it gets there — write-once, atomic,
 * verified. Nothing in this package overwrites, truncates, moves or deletes an archived file; the
 * only files it ever deletes are its own {@code .keepsake-tmp-*} temp files.
 */
package dev.keepsake.archive;
