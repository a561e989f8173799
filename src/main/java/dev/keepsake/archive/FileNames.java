package dev.keepsake.archive;

import java.nio.charset.StandardCharsets;
import java.text.BreakIterator;
import java.util.Locale;

/**
 * Names Keepsake makes must fit the file system: at most {@value #MAX_BYTES} bytes of UTF-8 (ext4,
 * btrfs, XFS, ZFS). A name too long keeps its extension and loses the end of its stem, cut between
 * two characters (never inside one, nor between a letter and its accent), the same way every time.
 */
public final class FileNames {
  /** NAME_MAX of the file systems a NAS archive lives on. */
  public static final int MAX_BYTES = 255;
  /** Longer than this after the last dot, it is not an extension but part of the name. */
  private static final int MAX_EXTENSION_BYTES = 16;

  private FileNames() {}

  /** {@code name}, shortened to {@code maxBytes} when longer; its extension kept. */
  public static String fit(String name, int maxBytes) {
    int dot = extensionDot(name);
    return dot >= 0 ? fit(name.substring(0, dot), name.substring(dot), maxBytes) : fit(name, "", maxBytes);
  }

  /** Where {@code name}'s extension starts (its last dot), or -1 when it has none worth keeping. */
  static int extensionDot(String name) {
    int dot = name.lastIndexOf('.');
    if (dot <= 0 || bytes(name.substring(dot)) > MAX_EXTENSION_BYTES) {
      return -1;
    }
    // a sidecar's name keeps its photo's extension too: IMG_1~3fa2c1d9.JPG.xmp stays paired with its photo
    String last = name.substring(dot + 1).toLowerCase(java.util.Locale.ROOT);
    int before = name.lastIndexOf('.', dot - 1);
    if ((last.equals("xmp") || last.equals("aae")) && before > 0 && dot - before - 1 <= 5
        && name.substring(before + 1, dot).chars().allMatch(Character::isLetterOrDigit)) {
      return before;
    }
    return dot;
  }

  /** {@code stem + tail}, the stem shortened so the whole fits {@code maxBytes}; the tail is kept whole. */
  public static String fit(String stem, String tail, int maxBytes) {
    if (bytes(stem) + bytes(tail) <= maxBytes) {
      return stem + tail;
    }
    int budget = maxBytes - bytes(tail);
    if (budget < 1) { // a tail that alone is too long: cut the whole
      return cut(stem + tail, maxBytes);
    }
    return cut(stem, budget) + tail;
  }

  /** The longest prefix of {@code text} of at most {@code maxBytes} that ends on a character boundary. */
  private static String cut(String text, int maxBytes) {
    BreakIterator characters = BreakIterator.getCharacterInstance(Locale.ROOT);
    characters.setText(text);
    int end = 0;
    int used = 0;
    for (int next = characters.next(); next != BreakIterator.DONE; next = characters.next()) {
      int size = bytes(text.substring(end, next));
      if (used + size > maxBytes) {
        break;
      }
      used += size;
      end = next;
    }
    return end == 0 ? "_" : text.substring(0, end);
  }

  static int bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }
}
