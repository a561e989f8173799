package dev.keepsake.syncthing;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Ends an answer after {@code limit} bytes with {@link Cut}: what came before is still used. */
final class CappedStream extends FilterInputStream {
  /** The answer went on past the limit. */
  static final class Cut extends IOException {
    Cut(long limit) {
      super("answer cut after " + (limit >> 20) + " MiB");
    }
  }

  private final long limit;
  private long read;

  CappedStream(InputStream in, long limit) {
    super(in);
    this.limit = limit;
  }

  @Override
  public int read() throws IOException {
    if (read >= limit) {
      throw new Cut(limit);
    }
    int b = super.read();
    if (b >= 0) {
      read++;
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (read >= limit) {
      throw new Cut(limit);
    }
    int n = super.read(b, off, (int) Math.min(len, limit - read));
    if (n > 0) {
      read += n;
    }
    return n;
  }
}
