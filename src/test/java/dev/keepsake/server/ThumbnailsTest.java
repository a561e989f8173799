package dev.keepsake.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keepsake.fs.ConfinedRoot;
import dev.keepsake.testing.Images;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class ThumbnailsTest {
  @TempDir Path archive;

  private BufferedImage preview(String path) throws Exception {
    byte[] jpeg = new Thumbnails(new ConfinedRoot(archive)).of(path);
    assertThat(jpeg).as(path).isNotNull();
    return ImageIO.read(new ByteArrayInputStream(jpeg));
  }

  @Test
  void aJpegsOwnExifThumbnailIsUsedWithoutDecodingThePhoto() throws Exception {
    byte[] main = Images.jpeg(2000, 1500, Color.BLUE);
    byte[] thumb = Images.jpeg(120, 60, Color.RED);
    Files.write(archive.resolve("a.jpg"), Images.jpegWithExifThumbnail(main, thumb));
    assertThat(ImageIO.read(archive.resolve("a.jpg").toFile()).getWidth()).as("still a valid photo").isEqualTo(2000);
    BufferedImage p = preview("a.jpg");
    assertThat(p.getWidth()).isEqualTo(120);
    assertThat(p.getHeight()).isEqualTo(60);
    assertThat(new Color(p.getRGB(60, 30)).getRed()).isGreaterThan(200); // the red thumbnail, not the blue photo
  }

  @Test
  void aJpegOrPngWithoutOneIsScaledDownToTheEdge() throws Exception {
    Files.write(archive.resolve("big.jpg"), Images.jpeg(4000, 3000, Color.GREEN));
    Files.write(archive.resolve("wide.png"), Images.png(1000, 250, Color.ORANGE));
    BufferedImage j = preview("big.jpg");
    assertThat(Math.max(j.getWidth(), j.getHeight())).isEqualTo(Thumbnails.EDGE);
    assertThat(j.getWidth() * 3).isCloseTo(j.getHeight() * 4, org.assertj.core.data.Offset.offset(8));
    BufferedImage p = preview("wide.png");
    assertThat(p.getWidth()).isEqualTo(Thumbnails.EDGE);
    assertThat(p.getHeight()).isEqualTo(40);
  }

  @Test
  void aVideoABrokenFileOrALinkGetsNoPreview() throws Exception {
    Files.write(archive.resolve("v.mp4"), new byte[] {0, 0, 0, 24, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm'});
    byte[] good = Images.jpeg(800, 600, Color.GRAY);
    Files.write(archive.resolve("cut.jpg"), java.util.Arrays.copyOf(good, 200));
    Path outside = Files.write(Files.createTempFile("outside", ".jpg"), good);
    Files.createSymbolicLink(archive.resolve("link.jpg"), outside);
    Thumbnails t = new Thumbnails(new ConfinedRoot(archive));
    assertThat(t.of("v.mp4")).isNull();
    assertThat(t.of("cut.jpg")).isNull();
    assertThat(t.of("link.jpg")).as("never read through a link").isNull();
    assertThat(t.of("../x.jpg")).isNull();
    assertThat(Thumbnails.placeholder("video <b>")).startsWith("<svg").contains("video &lt;b&gt;");
  }
}
