package dev.keepsake.archive;

/**
 * Deterministic names for a clash: the wanted name first, then {@code {stem}~{hash8}.{ext}}, then
 * longer slices of the hash in the unlikely case that name is taken by yet other content. Every name
 * fits {@code maxBytes} ({@link FileNames}): the stem is shortened, the suffix and extension kept.
 */
final class CollisionNames {
  private CollisionNames() {}

  static String name(String wanted, ContentHash hash, int attempt, int maxBytes) {
    if (attempt == 0) {
      return FileNames.fit(wanted, maxBytes);
    }
    int hexDigits = Math.min(64, 8 * attempt);
    String suffix = "~" + hash.hex().substring(0, hexDigits);
    if (attempt > 8) {
      suffix += "-" + (attempt - 8); // every 64-digit name taken: count on
    }
    int dot = FileNames.extensionDot(wanted);
    return dot >= 0
        ? FileNames.fit(wanted.substring(0, dot), suffix + wanted.substring(dot), maxBytes)
        : FileNames.fit(wanted, suffix, maxBytes);
  }
}
