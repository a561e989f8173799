package dev.keepsake.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds small JPEG files with an EXIF block written byte by byte, so tests make their own media
 * (nothing fetched, nothing copied from the corpus). The image data is a comment segment: enough for
 * content detection and the metadata reader, and a {@code salt} makes every file's bytes distinct.
 */
public final class JpegFixture {
  private static final int ASCII = 2;
  private static final int LONG = 4;
  private static final int RATIONAL = 5;

  private String original;
  private String digitized;
  private String offsetOriginal;
  private String salt = "";
  private String xmpDate;
  private double[] gps;

  public static JpegFixture jpeg() {
    return new JpegFixture();
  }

  /** EXIF DateTimeOriginal as written, e.g. {@code "2023:09:16 12:34:56"}. */
  public JpegFixture original(String exifDate) {
    this.original = exifDate;
    return this;
  }

  public JpegFixture digitized(String exifDate) {
    this.digitized = exifDate;
    return this;
  }

  public JpegFixture offsetOriginal(String offset) {
    this.offsetOriginal = offset;
    return this;
  }

  /** An XMP packet (APP1) with {@code exif:DateTimeOriginal}, e.g. {@code "2016-07-08T09:10:11"}. */
  public JpegFixture xmpDateTimeOriginal(String isoDate) {
    this.xmpDate = isoDate;
    return this;
  }

  /** An EXIF GPS position (latitude, longitude in degrees; negative is south and west). */
  public JpegFixture gps(double latitude, double longitude) {
    this.gps = new double[] {latitude, longitude};
    return this;
  }

  public JpegFixture salt(String salt) {
    this.salt = salt;
    return this;
  }

  public byte[] bytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0xFF);
    out.write(0xD8); // SOI
    if (original != null || digitized != null || offsetOriginal != null || gps != null) {
      segment(out, 0xE1, exif());
    }
    if (xmpDate != null) {
      String xml = "<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>"
          + "<rdf:Description rdf:about='' xmlns:exif='http://ns.adobe.com/exif/1.0/' exif:DateTimeOriginal='"
          + xmpDate + "'/></rdf:RDF></x:xmpmeta>";
      segment(out, 0xE1, ("http://ns.adobe.com/xap/1.0/\0" + xml).getBytes(StandardCharsets.UTF_8));
    }
    segment(out, 0xFE, ("keepsake test image " + salt).getBytes(StandardCharsets.UTF_8));
    out.write(0xFF);
    out.write(0xD9); // EOI
    return out.toByteArray();
  }

  private record Entry(int tag, String value) {}

  private byte[] exif() {
    List<Entry> entries = new ArrayList<>();
    if (original != null) {
      entries.add(new Entry(0x9003, original));
    }
    if (digitized != null) {
      entries.add(new Entry(0x9004, digitized));
    }
    if (offsetOriginal != null) {
      entries.add(new Entry(0x9011, offsetOriginal));
    }
    int ifd0Entries = gps == null ? 1 : 2;
    int ifd0 = 8;
    int exifIfd = ifd0 + 2 + 12 * ifd0Entries + 4;
    int data = exifIfd + 2 + 12 * entries.size() + 4;
    int gpsIfd = data + entries.stream().mapToInt(e -> e.value().length() + 1).sum();
    int gpsData = gpsIfd + 2 + 12 * 4 + 4;
    ByteBuffer tiff = ByteBuffer.allocate(gps == null ? gpsIfd : gpsData + 48);
    tiff.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(ifd0);
    tiff.putShort((short) ifd0Entries).putShort((short) 0x8769).putShort((short) LONG).putInt(1).putInt(exifIfd);
    if (gps != null) {
      tiff.putShort((short) 0x8825).putShort((short) LONG).putInt(1).putInt(gpsIfd);
    }
    tiff.putInt(0);
    tiff.putShort((short) entries.size());
    int at = data;
    for (Entry e : entries) {
      int count = e.value().length() + 1;
      tiff.putShort((short) e.tag()).putShort((short) ASCII).putInt(count).putInt(at);
      at += count;
    }
    tiff.putInt(0);
    for (Entry e : entries) {
      tiff.put(e.value().getBytes(StandardCharsets.US_ASCII)).put((byte) 0);
    }
    if (gps != null) {
      tiff.putShort((short) 4);
      tiff.putShort((short) 1).putShort((short) ASCII).putInt(2).put((byte) (gps[0] < 0 ? 'S' : 'N')).put(new byte[3]);
      tiff.putShort((short) 2).putShort((short) RATIONAL).putInt(3).putInt(gpsData);
      tiff.putShort((short) 3).putShort((short) ASCII).putInt(2).put((byte) (gps[1] < 0 ? 'W' : 'E')).put(new byte[3]);
      tiff.putShort((short) 4).putShort((short) RATIONAL).putInt(3).putInt(gpsData + 24);
      tiff.putInt(0);
      for (double degrees : gps) { // degrees as d/1, 0/1, microdegrees-as-seconds: exact enough for a zone
        double abs = Math.abs(degrees);
        tiff.putInt((int) Math.floor(abs)).putInt(1);
        tiff.putInt(0).putInt(1);
        tiff.putInt((int) Math.round((abs - Math.floor(abs)) * 3600 * 1000)).putInt(1000);
      }
    }
    ByteArrayOutputStream app1 = new ByteArrayOutputStream();
    app1.writeBytes("Exif\0\0".getBytes(StandardCharsets.US_ASCII));
    app1.writeBytes(tiff.array());
    return app1.toByteArray();
  }

  private static void segment(ByteArrayOutputStream out, int marker, byte[] payload) {
    out.write(0xFF);
    out.write(marker);
    int length = payload.length + 2;
    out.write(length >> 8);
    out.write(length & 0xFF);
    out.writeBytes(payload);
  }
}
