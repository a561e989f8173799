package dev.keepsake.server;

import dev.keepsake.fs.ConfinedRoot;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Small previews of archived photos for the status page, made when first asked for. A JPEG's own
 * EXIF thumbnail is used when it has one (read from its first 64 KiB); otherwise a JPEG or PNG is
 * decoded subsampled, never at full size, one at a time, so memory stays a few MiB whatever the
 * photo. A video or a format Java cannot decode (HEIC, RAW) gets no image: the caller shows a
 * placeholder. Results are kept in a small cache bounded in bytes; files are opened only below the
 * archive root, never through a link.
 */
final class Thumbnails {
  static {
    System.setProperty("java.awt.headless", "true"); // a NAS has no display; ImageIO needs none
  }

  static final int EDGE = 160;
  private static final long MAX_PIXELS = 2_000_000; // decoded at most this many pixels (about 8 MB)
  private static final long CACHE_BYTES = 4L << 20;
  private static final int HEAD = 64 * 1024;

  private final ConfinedRoot archive;
  private final Semaphore decoding = new Semaphore(1);
  private final Map<String, byte[]> cache = new LinkedHashMap<>(64, 0.75f, true);
  private long cached;

  Thumbnails(ConfinedRoot archive) {
    this.archive = archive;
  }

  /** A JPEG preview at most {@link #EDGE} pixels on its long side, or null when none can be made. */
  byte[] of(String archivePath) {
    synchronized (cache) {
      byte[] hit = cache.get(archivePath);
      if (hit != null) {
        return hit;
      }
    }
    byte[] made;
    try {
      decoding.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
    try {
      made = make(archivePath);
    } catch (IOException | RuntimeException | OutOfMemoryError cannot) {
      made = null; // unreadable, truncated, not an image: the placeholder says so
    } finally {
      decoding.release();
    }
    if (made != null) {
      synchronized (cache) {
        cache.put(archivePath, made);
        cached += made.length;
        Iterator<Map.Entry<String, byte[]>> oldest = cache.entrySet().iterator();
        while (cached > CACHE_BYTES && oldest.hasNext()) {
          cached -= oldest.next().getValue().length;
          oldest.remove();
        }
      }
    }
    return made;
  }

  private byte[] make(String archivePath) throws IOException {
    try (FileChannel in = archive.openForReading(archivePath)) {
      ByteBuffer head = ByteBuffer.allocate((int) Math.min(HEAD, in.size()));
      while (head.hasRemaining() && in.read(head) >= 0) {
        // read the head whole
      }
      byte[] bytes = head.array();
      if (bytes.length > 3 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xd8) {
        byte[] embedded = exifThumbnail(bytes);
        if (embedded != null) {
          BufferedImage small = ImageIO.read(new ByteArrayInputStream(embedded));
          if (small != null) {
            return jpeg(scaled(small));
          }
        }
      }
      in.position(0);
      BufferedImage image = decodeSubsampled(Channels.newInputStream(in));
      return image == null ? null : jpeg(scaled(image));
    }
  }

  /** The JPEG inside a JPEG's APP1 Exif segment (its IFD1 thumbnail), found by its markers; null if none. */
  static byte[] exifThumbnail(byte[] head) {
    int at = 2;
    while (at + 4 <= head.length && (head[at] & 0xff) == 0xff) {
      int marker = head[at + 1] & 0xff;
      int length = ((head[at + 2] & 0xff) << 8) | (head[at + 3] & 0xff);
      if (marker == 0xda || length < 2) {
        return null; // image data begins: no more metadata segments
      }
      int end = Math.min(head.length, at + 2 + length);
      if (marker == 0xe1 && at + 10 <= end && head[at + 4] == 'E' && head[at + 5] == 'x' && head[at + 6] == 'i' && head[at + 7] == 'f') {
        for (int i = at + 10; i + 2 < end; i++) {
          if ((head[i] & 0xff) == 0xff && (head[i + 1] & 0xff) == 0xd8 && (head[i + 2] & 0xff) == 0xff) {
            for (int j = end - 2; j > i; j--) {
              if ((head[j] & 0xff) == 0xff && (head[j + 1] & 0xff) == 0xd9) {
                return java.util.Arrays.copyOfRange(head, i, j + 2);
              }
            }
            return null;
          }
        }
      }
      at += 2 + length;
    }
    return null;
  }

  private static BufferedImage decodeSubsampled(InputStream in) throws IOException {
    try (ImageInputStream stream = ImageIO.createImageInputStream(in)) {
      if (stream == null) {
        return null;
      }
      Iterator<ImageReader> readers = ImageIO.getImageReaders(stream);
      if (!readers.hasNext()) {
        return null; // not a format this Java decodes
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(stream, true, true);
        long w = reader.getWidth(0);
        long h = reader.getHeight(0);
        int step = 1;
        while ((w / step) * (h / step) > MAX_PIXELS) {
          step++;
        }
        step = Math.max(step, (int) Math.max(1, Math.max(w, h) / (EDGE * 4))); // no finer than needed
        ImageReadParam param = reader.getDefaultReadParam();
        param.setSourceSubsampling(step, step, 0, 0);
        return reader.read(0, param);
      } finally {
        reader.dispose();
      }
    }
  }

  private static BufferedImage scaled(BufferedImage image) {
    double k = Math.min(1.0, (double) EDGE / Math.max(image.getWidth(), image.getHeight()));
    int w = Math.max(1, (int) Math.round(image.getWidth() * k));
    int h = Math.max(1, (int) Math.round(image.getHeight() * k));
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.drawImage(image, 0, 0, w, h, java.awt.Color.WHITE, null);
    } finally {
      g.dispose();
    }
    return out;
  }

  private static byte[] jpeg(BufferedImage image) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
    if (!ImageIO.write(image, "jpeg", out)) {
      throw new IOException("no JPEG writer");
    }
    return out.toByteArray();
  }

  /** What the page shows where no preview can be made: an SVG tile naming the kind of file. */
  static String placeholder(String label) {
    String text = label.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + EDGE + "\" height=\"" + EDGE + "\" viewBox=\"0 0 160 160\">"
        + "<rect width=\"160\" height=\"160\" fill=\"#e8eaed\"/>"
        + "<text x=\"80\" y=\"86\" font-family=\"sans-serif\" font-size=\"18\" text-anchor=\"middle\" fill=\"#5f6368\">"
        + text + "</text></svg>";
  }
}
