package dev.keepsake.notify;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * A small PNG bar chart drawn with Java2D — bars only, no text, so no fonts are needed on a
 * headless NAS; the numbers are in the mail's HTML beside it.
 */
final class BarChart {
  static final int WIDTH = 420;
  static final int HEIGHT = 120;

  private BarChart() {}

  static byte[] png(List<Long> values) {
    System.setProperty("java.awt.headless", "true");
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, WIDTH, HEIGHT);
      g.setColor(new Color(0xDD, 0xDD, 0xDD));
      g.drawLine(0, HEIGHT - 1, WIDTH, HEIGHT - 1);
      long max = Math.max(1, values.stream().mapToLong(Long::longValue).max().orElse(1));
      int slot = values.isEmpty() ? WIDTH : WIDTH / values.size();
      g.setColor(new Color(0x3B, 0x82, 0xC4));
      for (int i = 0; i < values.size(); i++) {
        int h = (int) Math.round((HEIGHT - 10) * (double) values.get(i) / max);
        if (values.get(i) > 0 && h == 0) {
          h = 1;
        }
        g.fillRect(i * slot + slot / 6, HEIGHT - 1 - h, slot - slot / 3, h);
      }
    } finally {
      g.dispose();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
