package dev.keepsake.archive;

import java.nio.file.Path;

/**
 * Where a staged copy ended up.
 *
 * @param path the archived file
 * @param adopted true when an identical file already stood there (left by a run that stopped before
 *     recording it): nothing was written, the existing file is taken as the archived copy
 */
public record Placement(Path path, boolean adopted) {}
