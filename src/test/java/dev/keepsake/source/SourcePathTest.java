package dev.keepsake.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class SourcePathTest {
  @Test
  void nameFolderStemAndFamily() {
    SourcePath sidecar = new SourcePath("DCIM/Camera/IMG_1.JPG.xmp");
    assertThat(sidecar.name()).isEqualTo("IMG_1.JPG.xmp");
    assertThat(sidecar.directory()).isEqualTo("DCIM/Camera");
    assertThat(sidecar.stem()).isEqualTo("IMG_1.JPG");
    assertThat(sidecar.family()).isEqualTo("img_1");
    assertThat(new SourcePath("IMG_1.MOV").family()).isEqualTo("img_1");
    assertThat(new SourcePath("IMG_1.MOV").directory()).isEmpty();
    assertThat(new SourcePath("a/.nomedia").stem()).isEqualTo(".nomedia");
    assertThat(new SourcePath("a/.nomedia").family()).isEqualTo(".nomedia");
    assertThat(SourcePath.stemOf("PXL_1.NIGHT.jpg")).isEqualTo("PXL_1.NIGHT");
  }

  @Test
  void sortsAsTheLedger() {
    assertThat(new SourcePath("DCIM/a.jpg")).isLessThan(new SourcePath("DCIM/a/b.jpg")); // '.' sorts before '/'
    assertThat(new SourcePath("DCIM/B.jpg")).isLessThan(new SourcePath("DCIM/a.jpg"));
    assertThat(new SourcePath("\uFB01.jpg")).isLessThan(new SourcePath("\uD83D\uDE00.jpg")); // U+FB01 < U+1F600 in UTF-8
  }

  @Test
  void emptyOrAbsoluteIsRefused() {
    assertThatThrownBy(() -> new SourcePath("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SourcePath("/etc/passwd")).isInstanceOf(IllegalArgumentException.class);
  }
}
