package dev.keepsake.importing;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;

/**
 * Reads a tar stream entry by entry, as Google Takeout's {@code .tgz} parts are written: POSIX ustar
 * headers (with the name prefix), GNU long names ({@code L}) and PAX headers ({@code x}: path,
 * size, mtime), sizes in octal or base-256. An entry's data is read through {@link #data()}, at
 * most its size; what is not read is skipped by the next {@link #next()}. A header that does not
 * check out (checksum, sizes) ends the stream with an {@link IOException} naming the offset.
 */
final class TarReader {
  /** One entry: its name, size, time and kind. */
  record Entry(String name, long size, FileTime mtime, char type) {
    boolean isFile() {
      return type == '0' || type == '\0' || type == '7';
    }

    boolean isDirectory() {
      return type == '5';
    }
  }

  private static final int BLOCK = 512;
  /** A PAX or GNU long-name header's data is read into memory: more than this is not a name. */
  private static final int MAX_META = 1 << 20;

  private final InputStream in;
  private long offset;
  private long dataLeft;
  private long padding;

  TarReader(InputStream in) {
    this.in = in;
  }

  /** The next entry, or null at the end of the archive. */
  Entry next() throws IOException {
    skip(dataLeft + padding);
    dataLeft = 0;
    padding = 0;
    String longName = null;
    Long paxSize = null;
    FileTime paxTime = null;
    while (true) {
      byte[] header = new byte[BLOCK];
      long at = offset;
      if (!readBlock(header)) {
        return null;
      }
      if (isZero(header)) {
        return null; // the end-of-archive blocks
      }
      checkSum(header, at);
      char type = (char) header[156];
      long size = number(header, 124, 12, at);
      if (size < 0) {
        throw new IOException("tar header at byte " + at + " gives a negative size");
      }
      long pad = (BLOCK - size % BLOCK) % BLOCK;
      if (type == 'L' || type == 'x' || type == 'g') {
        if (size > MAX_META) {
          throw new IOException("tar header at byte " + at + " has " + size + " bytes of names: not a Takeout part");
        }
        byte[] meta = in.readNBytes((int) size);
        if (meta.length < size) {
          throw new EOFException("the part ends inside the header at byte " + at);
        }
        offset += size;
        skip(pad);
        if (type == 'L') {
          longName = cString(meta, 0, meta.length);
        } else if (type == 'x') {
          for (String record : new String(meta, StandardCharsets.UTF_8).split("\n")) {
            int space = record.indexOf(' ');
            int eq = record.indexOf('=');
            if (space < 0 || eq < space) {
              continue;
            }
            String key = record.substring(space + 1, eq);
            String value = record.substring(eq + 1);
            try {
              switch (key) {
                case "path" -> longName = value;
                case "size" -> paxSize = Long.parseLong(value.trim());
                case "mtime" -> paxTime = FileTime.fromMillis((long) (Double.parseDouble(value.trim()) * 1000));
                default -> { }
              }
            } catch (NumberFormatException notANumber) {
              throw new IOException("the PAX header at byte " + at + " holds '" + value + "' for its " + key);
            }
          }
        }
        continue; // the entry these describe follows
      }
      String name = longName;
      if (name == null) {
        name = cString(header, 0, 100);
        String magic = cString(header, 257, 6);
        String prefix = magic.startsWith("ustar") ? cString(header, 345, 155) : "";
        if (!prefix.isEmpty()) {
          name = prefix + "/" + name;
        }
      }
      if (paxSize != null) {
        size = paxSize;
        pad = (BLOCK - size % BLOCK) % BLOCK;
      }
      FileTime mtime = paxTime != null ? paxTime : FileTime.fromMillis(number(header, 136, 12, at) * 1000);
      dataLeft = size; // links and folders have none; anything else's data is skipped unless read
      padding = pad;
      return new Entry(name, size, mtime, type);
    }
  }

  /** The current entry's data: at most its size. */
  InputStream data() {
    return new InputStream() {
      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (dataLeft <= 0) {
          return -1;
        }
        int n = in.read(b, off, (int) Math.min(len, dataLeft));
        if (n < 0) {
          throw new EOFException("the part ends inside an entry, " + dataLeft + " bytes short: it is cut short");
        }
        dataLeft -= n;
        offset += n;
        return n;
      }

      @Override
      public void close() {
        // the tar stream stays open; the rest of the entry is skipped by next()
      }
    };
  }

  private boolean readBlock(byte[] block) throws IOException {
    int n = in.readNBytes(block, 0, BLOCK);
    offset += n;
    if (n == 0) {
      return false;
    }
    if (n < BLOCK) {
      throw new EOFException("the part ends inside a tar header at byte " + (offset - n) + ": it is cut short");
    }
    return true;
  }

  private void skip(long bytes) throws IOException {
    long left = bytes;
    while (left > 0) {
      long n = in.skip(left);
      if (n <= 0) {
        if (in.read() < 0) {
          throw new EOFException("the part ends " + left + " bytes early: it is cut short");
        }
        n = 1;
      }
      left -= n;
      offset += n;
    }
  }

  private static boolean isZero(byte[] block) {
    for (byte b : block) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  private static void checkSum(byte[] header, long at) throws IOException {
    long stored = number(header, 148, 8, at);
    long sum = 0;
    for (int i = 0; i < BLOCK; i++) {
      sum += i >= 148 && i < 156 ? ' ' : header[i] & 0xFF;
    }
    if (sum != stored) {
      throw new IOException("not a tar archive, or damaged: the header at byte " + at + " does not check out");
    }
  }

  /** An octal field, or GNU base-256 when its first byte has the high bit set. */
  private static long number(byte[] header, int from, int length, long at) throws IOException {
    if ((header[from] & 0x80) != 0) {
      long value = header[from] & 0x7F;
      for (int i = from + 1; i < from + length; i++) {
        if (value > (Long.MAX_VALUE >> 8)) {
          throw new IOException("tar header at byte " + at + ": a number too large");
        }
        value = (value << 8) | (header[i] & 0xFF);
      }
      return value;
    }
    String text = cString(header, from, length).trim();
    if (text.isEmpty()) {
      return 0;
    }
    try {
      return Long.parseLong(text, 8);
    } catch (NumberFormatException e) {
      throw new IOException("not a tar archive, or damaged: the header at byte " + at + " holds '" + text + "' for a number");
    }
  }

  private static String cString(byte[] b, int from, int length) {
    int end = from;
    while (end < from + length && b[end] != 0) {
      end++;
    }
    return new String(b, from, end - from, StandardCharsets.UTF_8);
  }

  /** The folder part of an entry name ("" at the top). */
  static String folderOf(String entryName) {
    int slash = entryName.lastIndexOf('/');
    return slash < 0 ? "" : entryName.substring(0, slash);
  }

  /** The last part of an entry name. */
  static String fileName(String entryName) {
    return entryName.substring(entryName.lastIndexOf('/') + 1);
  }
}
