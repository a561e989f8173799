package dev.keepsake.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Hand-built QuickTime / ISO-BMFF boxes, for the shapes ffmpeg does not write: movies that begin
 * with {@code moov}, {@code mdat}, {@code wide} or {@code pnot}, user-data dates in each of their
 * spellings, and hostile box trees.
 */
public final class MovieBoxes {
  private static final long SECONDS_1904_TO_1970 = 2_082_844_800L;

  private MovieBoxes() {}

  public static byte[] box(String type, byte[]... payloads) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (byte[] p : payloads) {
      body.writeBytes(p);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(ByteBuffer.allocate(4).putInt(8 + body.size()).array());
    out.writeBytes(type.getBytes(StandardCharsets.ISO_8859_1));
    out.writeBytes(body.toByteArray());
    return out.toByteArray();
  }

  public static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  /** A movie header box; {@code creation} null writes the zero of "no date". */
  public static byte[] mvhd(Instant creation) {
    ByteBuffer mvhd = ByteBuffer.allocate(100);
    long seconds = creation == null ? 0 : creation.getEpochSecond() + SECONDS_1904_TO_1970;
    mvhd.putInt(0);
    mvhd.putInt((int) seconds).putInt((int) seconds).putInt(1000).putInt(1000);
    mvhd.putInt(0x00010000).putShort((short) 0x0100).put(new byte[10]);
    mvhd.putInt(0x00010000).putInt(0).putInt(0).putInt(0).putInt(0x00010000).putInt(0).putInt(0).putInt(0).putInt(0x40000000);
    mvhd.put(new byte[24]).putInt(2);
    return box("mvhd", mvhd.array());
  }

  /** A version-1 movie header: 64-bit creation and modification times, as cameras write for long clips. */
  public static byte[] mvhdVersion1(Instant creation) {
    ByteBuffer mvhd = ByteBuffer.allocate(112);
    long seconds = creation.getEpochSecond() + SECONDS_1904_TO_1970;
    mvhd.putInt(0x01000000).putLong(seconds).putLong(seconds).putInt(1000).putLong(1000);
    mvhd.putInt(0x00010000).putShort((short) 0x0100).put(new byte[10]);
    mvhd.putInt(0x00010000).putInt(0).putInt(0).putInt(0).putInt(0x00010000).putInt(0).putInt(0).putInt(0).putInt(0x40000000);
    mvhd.put(new byte[24]).putInt(2);
    return box("mvhd", mvhd.array());
  }

  /** A track whose media header ({@code trak/mdia/mdhd}, version 0 or 1) holds {@code creation}. */
  public static byte[] trak(Instant creation, int version) {
    long seconds = creation.getEpochSecond() + SECONDS_1904_TO_1970;
    ByteBuffer mdhd = ByteBuffer.allocate(version == 1 ? 36 : 24);
    mdhd.putInt(version << 24);
    if (version == 1) {
      mdhd.putLong(seconds).putLong(seconds).putInt(1000).putLong(1000);
    } else {
      mdhd.putInt((int) seconds).putInt((int) seconds).putInt(1000).putInt(1000);
    }
    mdhd.putShort((short) 0x55C4).putShort((short) 0);
    return box("trak", box("mdia", box("mdhd", mdhd.array())));
  }

  /** A QuickTime user-data string: 16-bit length, 16-bit language, the text. */
  public static byte[] qtString(String type, String text) {
    byte[] t = text.getBytes(StandardCharsets.UTF_8);
    return box(type, ByteBuffer.allocate(4 + t.length).putShort((short) t.length).putShort((short) 0x55C4).put(t).array());
  }

  /** An iTunes-style item: {@code type} holding a {@code data} box of UTF-8 text. */
  public static byte[] itunesItem(String type, String text) {
    byte[] t = text.getBytes(StandardCharsets.UTF_8);
    return box(type, box("data", ByteBuffer.allocate(8 + t.length).putInt(1).putInt(0).put(t).array()));
  }

  /** {@code udta/meta/ilst} as ffmpeg writes it for MP4: a full-box meta with an mdir handler. */
  public static byte[] ilst(byte[]... items) {
    byte[] hdlr = box("hdlr", new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 'm', 'd', 'i', 'r', 'a', 'p', 'p', 'l', 0, 0, 0, 0, 0, 0, 0, 0, 0});
    return box("meta", new byte[4], hdlr, box("ilst", items));
  }

  /** 3GPP {@code loci}: a named place with 16.16 fixed-point longitude and latitude. */
  public static byte[] loci(double latitude, double longitude) {
    ByteBuffer b = ByteBuffer.allocate(4 + 2 + 6 + 1 + 12 + 6 + 1);
    b.putInt(0).putShort((short) 0x55C4).put("Place\0".getBytes(StandardCharsets.US_ASCII)).put((byte) 0);
    b.putInt((int) Math.round(longitude * 65536)).putInt((int) Math.round(latitude * 65536)).putInt(0);
    b.put("earth\0".getBytes(StandardCharsets.US_ASCII)).put((byte) 0);
    return box("loci", b.array());
  }

  /** A movie of the given top-level boxes: moov holds the header and the given user data. */
  public static byte[] moov(Instant creation, byte[]... udta) {
    return udta.length == 0 ? box("moov", mvhd(creation)) : box("moov", mvhd(creation), box("udta", udta));
  }

  public static byte[] ftyp(String brand) {
    return box("ftyp", (brand + "\0\0\0\0" + brand).getBytes(StandardCharsets.ISO_8859_1));
  }
}
