package dev.keepsake.archive;

import java.nio.file.Path;

/**
 * A verified copy under a temp name in its target directory, not yet visible under a real name.
 *
 * @param temp the {@code .keepsake-tmp-*} file
 * @param hash SHA-256 of the bytes read from the source, equal to the bytes written
 * @param bytes how many bytes were copied
 * @param onRootFileSystem whether it is on the archive root's file system (a sync of that one covers
 *     it; not where a disk is mounted inside the archive)
 */
public record StagedCopy(Path temp, ContentHash hash, long bytes, boolean onRootFileSystem) {}
