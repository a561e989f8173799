package dev.keepsake.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Builds a minimal ISO-BMFF movie ({@code ftyp} + {@code moov/mvhd} + a {@code free} box of salt):
 * what content detection and the QuickTime header date need. {@code creation} is written as
 * seconds since 1904-01-01 UTC, as the format says; {@code null} writes the zero that cameras use
 * for "no date".
 */
public final class Mp4Fixture {
  private static final long SECONDS_1904_TO_1970 = 2_082_844_800L;

  private Mp4Fixture() {}

  public static byte[] movie(String brand, Instant creation, String salt) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteBuffer ftyp = ByteBuffer.allocate(8 + 8);
    ftyp.put(ascii(brand)).putInt(0);
    box(out, "ftyp", ftyp.array());
    ByteBuffer mvhd = ByteBuffer.allocate(100);
    long seconds = creation == null ? 0 : creation.getEpochSecond() + SECONDS_1904_TO_1970;
    mvhd.putInt(0); // version 0, flags
    mvhd.putInt((int) seconds).putInt((int) seconds).putInt(1000).putInt(1000);
    mvhd.putInt(0x00010000).putShort((short) 0x0100).put(new byte[10]);
    mvhd.putInt(0x00010000).putInt(0).putInt(0).putInt(0).putInt(0x00010000).putInt(0).putInt(0).putInt(0).putInt(0x40000000);
    mvhd.put(new byte[24]).putInt(2);
    ByteArrayOutputStream moov = new ByteArrayOutputStream();
    box(moov, "mvhd", mvhd.array());
    box(out, "moov", moov.toByteArray());
    box(out, "free", ("keepsake test movie " + salt).getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  public static byte[] mp4(Instant creation, String salt) {
    return movie("mp42", creation, salt);
  }

  public static byte[] mov(Instant creation, String salt) {
    return movie("qt  ", creation, salt);
  }

  private static void box(ByteArrayOutputStream out, String type, byte[] payload) {
    out.writeBytes(ByteBuffer.allocate(4).putInt(8 + payload.length).array());
    out.writeBytes(ascii(type));
    out.writeBytes(payload);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
