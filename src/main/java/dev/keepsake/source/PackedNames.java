package dev.keepsake.source;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A big folder's entry names, packed: each name's UTF-8 bytes (a folder's with {@code /} after it,
 * as the ledger orders them) back to back in one array, so a camera folder of a million photos costs
 * some 30 bytes an entry, not the few hundred of a {@code Path} and its attributes. Sorted, the names
 * come out in the ledger's order: unsigned bytes of their UTF-8.
 */
final class PackedNames {
  private byte[] bytes = new byte[1 << 16];
  private int used;
  private int[] starts = new int[1 << 10];
  private int count;
  private int[] order; // indexes in sorted order, once sorted

  /** Adds a name; {@code folder} marks it as a folder (ordered as if it ended in {@code /}). */
  void add(String name, boolean folder) {
    byte[] utf8 = (folder ? name + "/" : name).getBytes(StandardCharsets.UTF_8);
    if (used + utf8.length > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length + (bytes.length >> 1), used + utf8.length));
    }
    if (count + 1 >= starts.length) {
      starts = Arrays.copyOf(starts, starts.length + (starts.length >> 1));
    }
    starts[count] = used;
    System.arraycopy(utf8, 0, bytes, used, utf8.length);
    used += utf8.length;
    count++;
    starts[count] = used;
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
    int end = starts[i + 1];
    if (isFolder(n)) {
      end--;
    }
    return new String(bytes, starts[i], end - starts[i], StandardCharsets.UTF_8);
  }

  /** Whether the {@code n}th name in sorted order was added as a folder. */
  boolean isFolder(int n) {
    int i = order[n];
    return starts[i + 1] > starts[i] && bytes[starts[i + 1] - 1] == '/';
  }

  private int compare(int x, int y) {
    return Arrays.compareUnsigned(bytes, starts[x], starts[x + 1], bytes, starts[y], starts[y + 1]);
  }
}
