/**
 * A source folder (a phone's Syncthing folder): its name, root, include/exclude globs, the names
 * that are always ignored (Syncthing temp files and markers, Android trash, thumbnails), and the
 * scan that lists its files.
 *
 * <p>Nothing here writes to a source: Keepsake treats every source as read-only.
 */
package dev.keepsake.source;
