package dev.keepsake.testing;

import java.io.ByteArrayOutputStream;
import java.time.LocalDateTime;

/**
 * A hand-built MPEG transport stream whose H.264 stream carries an AVCHD camera's MDPM pack, the
 * way Sony and Panasonic camcorders write it (exiftool's {@code H264:DateTimeOriginal}): an SEI of
 * unregistered user data with UUID 17ee8c60-f84d-11d9-8cd6-0800200c9a66 and "MDPM". The SEI is
 * split across two video packets with a packet of another stream between them, and carries
 * H.264's emulation-prevention bytes, as a real stream may.
 */
public final class TransportStream {
  private static final byte[] UUID_MDPM = {
      0x17, (byte) 0xee, (byte) 0x8c, 0x60, (byte) 0xf8, 0x4d, 0x11, (byte) 0xd9,
      (byte) 0x8c, (byte) 0xd6, 0x08, 0x00, 0x20, 0x0c, (byte) 0x9a, 0x66, 'M', 'D', 'P', 'M'};

  private TransportStream() {}

  /**
   * @param offsetMinutes the camera's offset (a multiple of 30)
   * @param packet 188 (TS) or 192 (M2TS/MTS, with a 4-byte time code before each packet)
   */
  public static byte[] withMdpm(LocalDateTime local, int offsetMinutes, boolean dst, int packet) {
    int zone = (offsetMinutes < 0 ? 0x20 : 0) | ((Math.abs(offsetMinutes) / 60) << 1)
        | (Math.abs(offsetMinutes) % 60 == 30 ? 1 : 0) | (dst ? 0x40 : 0);
    ByteArrayOutputStream mdpm = new ByteArrayOutputStream();
    mdpm.write(3); // three entries
    mdpm.writeBytes(new byte[] {0x13, 1, 2, 3, 4}); // some other pack before the date
    mdpm.writeBytes(new byte[] {0x18, (byte) zone, bcd(local.getYear() / 100), bcd(local.getYear() % 100), bcd(local.getMonthValue())});
    mdpm.writeBytes(new byte[] {0x19, bcd(local.getDayOfMonth()), bcd(local.getHour()), bcd(local.getMinute()), bcd(local.getSecond())});
    ByteArrayOutputStream payload = new ByteArrayOutputStream();
    payload.writeBytes(UUID_MDPM);
    payload.writeBytes(mdpm.toByteArray());
    ByteArrayOutputStream sei = new ByteArrayOutputStream();
    sei.writeBytes(new byte[] {0, 0, 0, 1, 0x06, 0x05, (byte) payload.size()});
    sei.writeBytes(escape(payload.toByteArray()));
    sei.write(0x80);
    byte[] pes = pes(sei.toByteArray());
    ByteArrayOutputStream ts = new ByteArrayOutputStream();
    ts.writeBytes(packet(packet, 0x0000, true, new byte[] {0, 0, (byte) 0xB0, 0x0D}, false)); // a PAT-ish packet
    int half = 40;
    ts.writeBytes(packet(packet, 0x1011, true, java.util.Arrays.copyOf(pes, half), false));
    ts.writeBytes(packet(packet, 0x1100, true, new byte[] {0, 0, 1, (byte) 0xC0, 0, 0}, false)); // audio between
    ts.writeBytes(packet(packet, 0x1011, false, java.util.Arrays.copyOfRange(pes, half, pes.length), true));
    for (int i = 0; i < 3; i++) {
      ts.writeBytes(packet(packet, 0x1011, false, new byte[] {0x11, 0x22}, false));
    }
    return ts.toByteArray();
  }

  private static byte[] pes(byte[] es) {
    ByteArrayOutputStream pes = new ByteArrayOutputStream();
    pes.writeBytes(new byte[] {0, 0, 1, (byte) 0xE0, 0, 0, (byte) 0x80, 0, 0});
    pes.writeBytes(es);
    return pes.toByteArray();
  }

  /** One packet; the payload is padded with an adaptation field of stuffing, as muxers do. */
  private static byte[] packet(int size, int pid, boolean start, byte[] payload, boolean stuffing) {
    ByteArrayOutputStream p = new ByteArrayOutputStream();
    if (size == 192) {
      p.writeBytes(new byte[] {0, 0, 0, 0});
    }
    int room = 184 - payload.length;
    p.write(0x47);
    p.write((start ? 0x40 : 0) | (pid >> 8));
    p.write(pid & 0xFF);
    if (room > 0) {
      p.write(0x30); // adaptation field and payload
      p.write(room - 1);
      if (room > 1) {
        p.write(0);
        for (int i = 0; i < room - 2; i++) {
          p.write(0xFF);
        }
      }
    } else {
      p.write(0x10);
    }
    p.writeBytes(payload);
    return p.toByteArray();
  }

  private static byte[] escape(byte[] raw) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int zeros = 0;
    for (byte b : raw) {
      if (zeros >= 2 && (b & 0xFF) <= 3) {
        out.write(3);
        zeros = 0;
      }
      out.write(b);
      zeros = b == 0 ? zeros + 1 : 0;
    }
    return out.toByteArray();
  }

  private static byte bcd(int value) {
    return (byte) (((value / 10) << 4) | (value % 10));
  }
}
