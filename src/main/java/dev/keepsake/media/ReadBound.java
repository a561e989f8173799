package dev.keepsake.media;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Caps how many bytes the metadata reader may read from one file (skips over image or movie data are
 * seeks and do not count): past {@code limit} it gets an I/O error, and the file is dated by the next
 * rule. Metadata is kilobytes; a file that asks for more is broken or hostile.
 */
final class ReadBound extends FilterInputStream {
  private final long limit;
  private long read;

  ReadBound(InputStream in, long limit) {
    super(in);
    this.limit = limit;
  }

  @Override
  public int read() throws IOException {
    check(1);
    int b = super.read();
    if (b >= 0) {
      read++;
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    check(len);
    int n = super.read(b, off, (int) Math.min(len, Math.max(1, limit - read)));
    if (n > 0) {
      read += n;
    }
    return n;
  }

  private void check(int wanted) throws IOException {
    if (wanted > 0 && read >= limit) {
      throw new IOException("metadata reader wanted more than " + (limit >> 20) + " MiB of the file; stopped there");
    }
  }
}
