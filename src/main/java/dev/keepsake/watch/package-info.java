/**
 * Watches source folders with the JDK's WatchService (inotify on Linux): every folder, including
 * those created later; an overflow means events were lost, so the whole source is looked at again.
 * It only reports paths; whether a file has settled is decided at ingest (its mtime must be older
 * than {@code settle}).
 */
package dev.keepsake.watch;
