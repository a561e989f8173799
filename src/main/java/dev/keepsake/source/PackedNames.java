package dev.keepsake.source;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A big folder's entry names, packed: each name's UTF-8 bytes (a folder's with {@code /} after it,
 * as the ledger orders them) back to back in blocks of 1 MiB, so a camera folder of a million photos
 * costs some 30 bytes an entry, not the few hundred of a {@code Path} and its attributes, and never
 * needs one big array copied to grow. Sorted, the names come out in the ledger's order: unsigned bytes
 * of their UTF-8.
 */
final class PackedNames {
  private static final int BLOCK_BITS = 20;
  private static final int BLOCK = 1 << BLOCK_BITS;
  private final List<byte[]> blocks = new ArrayList<>();
  private int used = BLOCK; // bytes used in the last block: full, so the first name opens one
  private int[] starts = new int[1 << 10]; // block index << BLOCK_BITS | offset in the block
  private short[] lengths = new short[1 << 10];
  private int count;
  private int[] order; // indexes in sorted order, once sorted

  /** Adds a name; {@code folder} marks it as a folder (ordered as if it ended in {@code /}). */
  void add(String name, boolean folder) {
    byte[] utf8 = (folder ? name + "/" : name).getBytes(StandardCharsets.UTF_8);
    if (utf8.length > Short.MAX_VALUE) {
      throw new IllegalArgumentException("a name of " + utf8.length + " bytes"); // no file system has one
    }
    if (used + utf8.length > BLOCK) {
      blocks.add(new byte[BLOCK]);
      used = 0;
    }
    if (count == starts.length) {
      starts = Arrays.copyOf(starts, count + (count >> 1));
      lengths = Arrays.copyOf(lengths, starts.length);
    }
    System.arraycopy(utf8, 0, blocks.get(blocks.size() - 1), used, utf8.length);
    starts[count] = (blocks.size() - 1) << BLOCK_BITS | used;
    lengths[count] = (short) utf8.length;
    used += utf8.length;
    count++;
    order = null;
  }

  int size() {
    return count;
  }

  /** Puts the names in the ledger's order (a merge sort of indexes: no object per name). */
  void sort() {
    int[] a = new int[count];
    for (int i = 0; i < count; i++) {
      a[i] = i;
    }
    int[] b = new int[count];
    for (int width = 1; width < count; width *= 2) {
      for (int lo = 0; lo < count; lo += 2 * width) {
        int mid = Math.min(lo + width, count);
        int hi = Math.min(lo + 2 * width, count);
        int i = lo;
        int j = mid;
        int k = lo;
        while (i < mid && j < hi) {
          b[k++] = compare(a[i], a[j]) <= 0 ? a[i++] : a[j++];
        }
        while (i < mid) {
          b[k++] = a[i++];
        }
        while (j < hi) {
          b[k++] = a[j++];
        }
      }
      int[] t = a;
      a = b;
      b = t;
    }
    order = a;
  }

  /** The {@code n}th name in sorted order, without a folder's trailing {@code /}. */
  String name(int n) {
    int i = order[n];
    int length = isFolder(n) ? lengths[i] - 1 : lengths[i];
    return new String(block(i), offset(i), length, StandardCharsets.UTF_8);
  }

  /** Whether the {@code n}th name in sorted order was added as a folder. */
  boolean isFolder(int n) {
    int i = order[n];
    return lengths[i] > 0 && block(i)[offset(i) + lengths[i] - 1] == '/';
  }

  private byte[] block(int i) {
    return blocks.get(starts[i] >>> BLOCK_BITS);
  }

  private int offset(int i) {
    return starts[i] & (BLOCK - 1);
  }

  private int compare(int x, int y) {
    return Arrays.compareUnsigned(block(x), offset(x), offset(x) + lengths[x], block(y), offset(y), offset(y) + lengths[y]);
  }
}
