package dev.keepsake.media;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A PNG's metadata, read within bounds. The metadata reader inflates compressed text chunks (and ICC
 * profiles) without a limit, so a few kilobytes can ask for gigabytes; here only the chunks that can
 * hold a capture date are kept — IHDR, eXIf, tIME and the XMP packet — each at most
 * {@value #MAX_CHUNK_BYTES} bytes, the XMP inflated to at most {@value #MAX_INFLATED_BYTES} bytes, and
 * handed on as a small, uncompressed PNG. Image data is skipped, never read.
 */
final class BoundedPng {
  static final int MAX_CHUNK_BYTES = 4 << 20;
  static final int MAX_INFLATED_BYTES = 4 << 20;
  private static final int MAX_KEPT_BYTES = 16 << 20;
  private static final int MAX_CHUNKS = 100_000;
  private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  private static final String XMP_KEYWORD = "XML:com.adobe.xmp";

  private BoundedPng() {}

  /** The kept chunks as a PNG of their own; what was left out and why goes to {@code problems}. */
  static byte[] metadataOnly(InputStream raw, List<String> problems) throws IOException {
    DataInputStream in = new DataInputStream(raw);
    byte[] signature = in.readNBytes(SIGNATURE.length);
    if (!Arrays.equals(signature, SIGNATURE)) {
      throw new IOException("not a PNG signature");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(SIGNATURE);
    long kept = 0;
    for (int chunks = 0; chunks < MAX_CHUNKS; chunks++) {
      int length;
      byte[] typeBytes;
      try {
        length = in.readInt();
        typeBytes = in.readNBytes(4);
      } catch (EOFException end) {
        break;
      }
      if (length < 0 || typeBytes.length < 4) {
        break;
      }
      String type = new String(typeBytes, StandardCharsets.ISO_8859_1);
      if (type.equals("IEND")) {
        break;
      }
      boolean wanted = type.equals("IHDR") || type.equals("eXIf") || type.equals("tIME")
          || type.equals("iTXt") || type.equals("zTXt");
      if (!wanted || length > MAX_CHUNK_BYTES || kept + length > MAX_KEPT_BYTES) {
        if (wanted) {
          problems.add("PNG " + type + " chunk of " + length + " bytes left out (more than the metadata bound)");
        }
        skipFully(in, length + 4L); // data and CRC
        continue;
      }
      byte[] data = in.readNBytes(length);
      skipFully(in, 4); // CRC: the reader does not check it; ours is written anew
      if (data.length < length) {
        break; // truncated: keep what came before
      }
      kept += length;
      if (type.equals("iTXt") || type.equals("zTXt")) {
        byte[] xmp = xmpText(type, data, problems);
        if (xmp != null) {
          writeChunk(out, "iTXt", uncompressedItxt(xmp));
        }
      } else {
        writeChunk(out, type, data);
      }
    }
    writeChunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  /** The XMP packet of a text chunk, inflated within the bound, or null when it holds none (or too much). */
  private static byte[] xmpText(String type, byte[] data, List<String> problems) {
    int nul = indexOf(data, 0, (byte) 0);
    if (nul < 0 || !new String(data, 0, nul, StandardCharsets.ISO_8859_1).equals(XMP_KEYWORD)) {
      return null;
    }
    if (type.equals("zTXt")) { // keyword, NUL, method, compressed text
      return inflate(data, nul + 2, problems);
    }
    if (nul + 2 >= data.length) {
      return null;
    }
    boolean compressed = data[nul + 1] == 1; // keyword, NUL, flag, method, language NUL, translated NUL, text
    int language = indexOf(data, nul + 3, (byte) 0);
    int translated = language < 0 ? -1 : indexOf(data, language + 1, (byte) 0);
    if (translated < 0) {
      return null;
    }
    int text = translated + 1;
    return compressed ? inflate(data, text, problems) : Arrays.copyOfRange(data, text, data.length);
  }

  private static byte[] inflate(byte[] data, int offset, List<String> problems) {
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(data, offset, Math.max(0, data.length - offset));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[64 * 1024];
      while (!inflater.finished()) {
        int n = inflater.inflate(buffer);
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          break;
        }
        if (out.size() + n > MAX_INFLATED_BYTES) {
          problems.add("PNG XMP inflates to more than " + (MAX_INFLATED_BYTES >> 20) + " MiB: left out");
          return null;
        }
        out.write(buffer, 0, n);
      }
      return out.toByteArray();
    } catch (DataFormatException e) {
      problems.add("PNG XMP cannot be inflated (" + e.getMessage() + ")");
      return null;
    } finally {
      inflater.end();
    }
  }

  private static byte[] uncompressedItxt(byte[] xmp) {
    byte[] keyword = XMP_KEYWORD.getBytes(StandardCharsets.ISO_8859_1);
    ByteBuffer b = ByteBuffer.allocate(keyword.length + 5 + xmp.length);
    b.put(keyword).put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0).put(xmp);
    return b.array();
  }

  private static void writeChunk(ByteArrayOutputStream out, String type, byte[] data) {
    byte[] typeBytes = type.getBytes(StandardCharsets.ISO_8859_1);
    CRC32 crc = new CRC32();
    crc.update(typeBytes);
    crc.update(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
    out.writeBytes(typeBytes);
    out.writeBytes(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }

  private static int indexOf(byte[] data, int from, byte value) {
    for (int i = from; i < data.length; i++) {
      if (data[i] == value) {
        return i;
      }
    }
    return -1;
  }

  private static void skipFully(InputStream in, long n) throws IOException {
    long left = n;
    while (left > 0) {
      long skipped = in.skip(left);
      if (skipped <= 0) {
        if (in.read() < 0) {
          return; // end of file: nothing more to skip
        }
        skipped = 1;
      }
      left -= skipped;
    }
  }
}
