package dev.keepsake.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(60)
class LayoutTemplateTest {
  private static LayoutTemplate.Values values(String name) {
    return new LayoutTemplate.Values(LocalDateTime.of(2023, 9, 16, 12, 34, 56), name, "pixel", "photo", "3fa2c1d9");
  }

  @Test
  void layoutNumbersArePaddedAsFormatWouldPadThem() {
    for (int value : new int[] {0, 5, 12, 999, 2024, 12345, -5, -123}) {
      for (int width : new int[] {2, 4}) {
        assertThat(LayoutTemplate.zeroPadded(value, width)).isEqualTo(String.format("%0" + width + "d", value));
      }
    }
  }

  @Test
  void everyVariableHasItsValue() {
    LayoutTemplate.Values v = values("IMG_1.JPG.xmp");
    assertThat(LayoutTemplate.VARIABLES).allSatisfy(name -> assertThat(v.get(name)).as(name).isNotEmpty());
    assertThat(v.get("stem")).isEqualTo("IMG_1.JPG");
    assertThat(v.get("ext")).isEqualTo("xmp");
    assertThat(values("README").get("ext")).isEmpty();
    assertThat(values(".nomedia").get("ext")).isEmpty();
    assertThat(values("a.b.jpg").withHash8(null).get("hash8")).isEmpty();
  }

  @Test
  void defaultLayoutIsYearMonthName() {
    LayoutTemplate layout = LayoutTemplate.parse(LayoutTemplate.DEFAULT);
    assertThat(layout.directory(values("IMG_1.jpg"))).isEqualTo("2023/09");
    assertThat(layout.fileName(values("IMG_1.jpg"))).isEqualTo("IMG_1.jpg");
  }

  @Test
  void everyVariableRenders() {
    LayoutTemplate layout = LayoutTemplate.parse("{source}/{type}/{yyyy}-{MM}-{dd}/{HH}{mm}{ss}_{stem}_{hash8}.{ext}");
    assertThat(layout.directory(values("a.b.jpg"))).isEqualTo("pixel/photo/2023-09-16");
    assertThat(layout.fileName(values("a.b.jpg"))).isEqualTo("123456_a.b_3fa2c1d9.jpg");
    assertThat(layout.directoryNeedsHash()).isFalse();
    assertThat(layout.fileNameNeedsHash()).isTrue();
  }

  @Test
  void aFileWithoutExtensionGetsNoTrailingDot() {
    assertThat(LayoutTemplate.parse("{yyyy}/{stem}.{ext}").fileName(values("README"))).isEqualTo("README");
  }

  @Test
  void unknownVariableIsNamedInTheError() {
    assertThatThrownBy(() -> LayoutTemplate.parse("{yyyy}/{month}/{name}"))
        .hasMessageContaining("unknown layout variable {month}")
        .hasMessageContaining("{MM}");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/abs/{name}", "{yyyy}/../{name}", "{yyyy}//{name}", "{yyyy}/{MM}", "{yyyy/{name}", ""})
  void rejectsLayoutsThatCouldEscapeOrLoseTheName(String text) {
    assertThatThrownBy(() -> LayoutTemplate.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void valuesCannotAddSeparatorsOrClimbOut() {
    LayoutTemplate layout = LayoutTemplate.parse("{source}/{name}");
    LayoutTemplate.Values v = values("x.jpg");
    assertThat(layout.directory(new LayoutTemplate.Values(v.local(), v.name(), "..", v.type(), v.hash8()))).isEqualTo("_");
    assertThat(layout.directory(new LayoutTemplate.Values(v.local(), v.name(), "a/b", v.type(), v.hash8()))).isEqualTo("a_b");
  }
}
