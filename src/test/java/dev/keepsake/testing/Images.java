package dev.keepsake.testing;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import javax.imageio.ImageIO;

/** Real, decodable images for tests of previews: a plain colour, JPEG or PNG, optionally with an EXIF thumbnail. */
public final class Images {
  static {
    System.setProperty("java.awt.headless", "true");
  }

  private Images() {}

  public static byte[] jpeg(int width, int height, Color color) {
    return encode(width, height, color, "jpeg");
  }

  public static byte[] png(int width, int height, Color color) {
    return encode(width, height, color, "png");
  }

  /** A JPEG of {@code main} whose APP1 Exif segment carries {@code thumb} as its embedded (IFD1) preview. */
  public static byte[] jpegWithExifThumbnail(byte[] main, byte[] thumb) {
    byte[] tiff = ByteBuffer.allocate(14).put(new byte[] {'M', 'M', 0, 42}).putInt(8).putShort((short) 0).putInt(0).array();
    ByteArrayOutputStream app1 = new ByteArrayOutputStream();
    app1.writeBytes("Exif\0\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    app1.writeBytes(tiff);
    app1.writeBytes(thumb);
    byte[] payload = app1.toByteArray();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0xFF);
    out.write(0xD8);
    out.write(0xFF);
    out.write(0xE1);
    out.write((payload.length + 2) >> 8);
    out.write((payload.length + 2) & 0xFF);
    out.writeBytes(payload);
    out.write(main, 2, main.length - 2); // the main image, after its own SOI
    return out.toByteArray();
  }

  private static byte[] encode(int width, int height, Color color, String format) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(color);
    g.fillRect(0, 0, width, height);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, format, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
