package dev.keepsake.media;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The capture date an AVCHD camcorder (Sony, Panasonic, Canon) writes into its H.264 stream: the
 * "modified DV pack" ({@code MDPM}) in an unregistered-user-data SEI, tagged with UUID
 * {@code 17ee8c60-f84d-11d9-8cd6-0800200c9a66} — what exiftool shows as {@code H264:DateTimeOriginal}.
 *
 * <p>The MPEG transport stream (188-byte packets, or 192 in M2TS/MTS) is taken apart per packet
 * identifier so an SEI split across packets is whole again; only the first {@link #MAX_BYTES} of
 * the file are read. Tag {@code 0x18} holds the zone byte, the year (BCD) and the month, tag
 * {@code 0x19} the day, hour, minute and second: a wall-clock time with the offset the camera was set to.
 */
final class MdpmDate {
  static final int MAX_BYTES = 2 << 20;
  /** A pack is a count and up to 255 entries of 5 bytes; with escapes, this covers it. */
  private static final int PACK_WINDOW = 2 * (1 + 255 * 5);
  private static final byte[] MARK = {
      0x17, (byte) 0xee, (byte) 0x8c, 0x60, (byte) 0xf8, 0x4d, 0x11, (byte) 0xd9,
      (byte) 0x8c, (byte) 0xd6, 0x08, 0x00, 0x20, 0x0c, (byte) 0x9a, 0x66, 'M', 'D', 'P', 'M'};

  /** The written date: wall-clock time, the camera's offset (daylight saving included) and its DST flag. */
  record Written(LocalDateTime local, ZoneOffset offset, boolean daylightSaving) {}

  private MdpmDate() {}

  static Optional<Written> read(FileChannel file) throws IOException {
    ByteBuffer head = ByteBuffer.allocate((int) Math.min(MAX_BYTES, file.size()));
    while (head.hasRemaining() && file.read(head, head.position()) > 0) {
      // positional reads: the caller's position stays where it was
    }
    byte[] bytes = new byte[head.position()];
    head.flip().get(bytes);
    int packet = bytes.length > 188 && bytes[0] == 0x47 && bytes[188] == 0x47 ? 188 : 192;
    int skip = packet == 192 ? 4 : 0;
    Map<Integer, ByteArrayOutputStream> streams = new HashMap<>();
    for (int at = 0; at + packet <= bytes.length; at += packet) {
      int p = at + skip;
      if (bytes[p] != 0x47) {
        continue; // lost sync: the next packet may have it back
      }
      int pid = ((bytes[p + 1] & 0x1F) << 8) | (bytes[p + 2] & 0xFF);
      int control = (bytes[p + 3] >> 4) & 0x3;
      int payload = p + 4;
      if (control == 2 || control == 0) {
        continue; // adaptation field only
      }
      if (control == 3) {
        payload += 1 + (bytes[p + 4] & 0xFF);
      }
      int length = p + 188 - payload;
      if (length > 0 && streams.size() < 64) {
        streams.computeIfAbsent(pid, k -> new ByteArrayOutputStream()).write(bytes, payload, length);
      }
    }
    for (ByteArrayOutputStream stream : streams.values()) {
      Optional<Written> found = find(stream.toByteArray());
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  /** Removes H.264's emulation-prevention bytes (00 00 03 → 00 00), which the BCD digits may need. */
  static byte[] unescape(byte[] nal) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(nal.length);
    int zeros = 0;
    for (byte b : nal) {
      if (zeros >= 2 && b == 3) {
        zeros = 0;
        continue;
      }
      zeros = b == 0 ? zeros + 1 : 0;
      out.write(b);
    }
    return out.toByteArray();
  }

  /**
   * Looks for every MDPM pack in {@code stream}; the first that spells a real date wins. The mark
   * holds no two zero bytes in a row, so it is never escaped: only the pack after it is unescaped.
   */
  static Optional<Written> find(byte[] stream) {
    for (int at = indexOf(stream, 0); at >= 0; at = indexOf(stream, at + 1)) {
      int from = at + MARK.length;
      byte[] pack = unescape(java.util.Arrays.copyOfRange(stream, from, Math.min(stream.length, from + PACK_WINDOW)));
      Optional<Written> written = parse(pack, 0);
      if (written.isPresent()) {
        return written;
      }
    }
    return Optional.empty();
  }

  private static Optional<Written> parse(byte[] s, int at) {
    if (at >= s.length) {
      return Optional.empty();
    }
    int count = s[at++] & 0xFF;
    byte[] date = null;
    byte[] time = null;
    for (int i = 0; i < count && at + 5 <= s.length; i++, at += 5) {
      int tag = s[at] & 0xFF;
      if (tag == 0x18) {
        date = new byte[] {s[at + 1], s[at + 2], s[at + 3], s[at + 4]};
      } else if (tag == 0x19) {
        time = new byte[] {s[at + 1], s[at + 2], s[at + 3], s[at + 4]};
      }
    }
    if (date == null || time == null) {
      return Optional.empty();
    }
    try {
      LocalDateTime local = LocalDateTime.of(bcd(date[1]) * 100 + bcd(date[2]), bcd(date[3]), bcd(time[0]),
          bcd(time[1]), bcd(time[2]), bcd(time[3]));
      int zone = date[0] & 0xFF;
      int minutes = ((zone >> 1) & 0x0F) * 60 + ((zone & 0x01) != 0 ? 30 : 0); // bit 0x80 is unused
      ZoneOffset offset = ZoneOffset.ofTotalSeconds(((zone & 0x20) != 0 ? -minutes : minutes) * 60);
      return Optional.of(new Written(local, offset, (zone & 0x40) != 0));
    } catch (DateTimeException | IllegalArgumentException notADate) {
      return Optional.empty();
    }
  }

  private static int bcd(byte b) {
    int high = (b >> 4) & 0x0F;
    int low = b & 0x0F;
    if (high > 9 || low > 9) {
      throw new IllegalArgumentException("not a BCD digit pair: " + Integer.toHexString(b & 0xFF));
    }
    return high * 10 + low;
  }

  private static int indexOf(byte[] s, int from) {
    outer:
    for (int i = from; i <= s.length - MARK.length; i++) {
      for (int j = 0; j < MARK.length; j++) {
        if (s[i + j] != MARK[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
