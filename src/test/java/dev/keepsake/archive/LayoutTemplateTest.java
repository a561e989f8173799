package dev.keepsake.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(60)
class LayoutTemplateTest {
  private static Map<String, String> values(String name) {
    Map<String, String> v = new HashMap<>(Map.of("yyyy", "2023", "MM", "09", "dd", "16", "HH", "12", "mm", "34",
        "ss", "56", "name", name, "source", "pixel", "type", "photo", "hash8", "3fa2c1d9"));
    int dot = name.lastIndexOf('.');
    v.put("stem", dot <= 0 ? name : name.substring(0, dot));
    v.put("ext", dot <= 0 ? "" : name.substring(dot + 1));
    return v;
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
    Map<String, String> v = values("x.jpg");
    v.put("source", "..");
    assertThat(layout.directory(v)).isEqualTo("_");
    v.put("source", "a/b");
    assertThat(layout.directory(v)).isEqualTo("a_b");
  }
}
