package dev.keepsake.archive;

/**
 * Deterministic names for a clash: the wanted name first, then {@code {stem}~{hash8}.{ext}}, then
 * longer slices of the hash in the unlikely case that name is taken by yet other content.
 */
final class CollisionNames {
  private CollisionNames() {}

  static String name(String wanted, ContentHash hash, int attempt) {
    if (attempt == 0) {
      return wanted;
    }
    int hexDigits = Math.min(64, 8 * attempt);
    String suffix = "~" + hash.hex().substring(0, hexDigits);
    if (attempt > 8) {
      suffix += "-" + (attempt - 8); // every 64-digit name taken: count on
    }
    int dot = wanted.lastIndexOf('.');
    return dot <= 0 ? wanted + suffix : wanted.substring(0, dot) + suffix + wanted.substring(dot);
  }
}
