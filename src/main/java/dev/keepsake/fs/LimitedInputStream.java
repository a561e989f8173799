package dev.keepsake.fs;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Supplier;

/**
 * Lets at most {@code limit} bytes be read (skips are seeks and do not count); the read after that
 * throws what {@code beyond} makes. For input whose size an outsider controls: a file's metadata, an
 * answer from Syncthing.
 */
public final class LimitedInputStream extends FilterInputStream {
  private final long limit;
  private final Supplier<IOException> beyond;
  private long read;

  public LimitedInputStream(InputStream in, long limit, Supplier<IOException> beyond) {
    super(in);
    this.limit = limit;
    this.beyond = beyond;
  }

  @Override
  public int read() throws IOException {
    check();
    int b = super.read();
    if (b >= 0) {
      read++;
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    check();
    int n = super.read(b, off, (int) Math.min(len, limit - read));
    if (n > 0) {
      read += n;
    }
    return n;
  }

  private void check() throws IOException {
    if (read >= limit) {
      throw beyond.get();
    }
  }
}
