package dev.keepsake.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class PathSlicesTest {
  @Test
  void aBurstIsCutIntoBoundedSlicesThatLoseNothing() {
    Set<String> paths = new LinkedHashSet<>();
    for (int i = 0; i < 10_001; i++) {
      paths.add("DCIM/" + (i % 7) + "/IMG_" + i + ".jpg");
    }
    List<List<String>> slices = PathSlices.of(paths, 2_000);
    assertThat(slices).hasSize(6).allSatisfy(s -> assertThat(s).hasSizeLessThanOrEqualTo(2_000));
    List<String> all = new ArrayList<>();
    slices.forEach(all::addAll);
    assertThat(all).hasSize(paths.size()).containsExactlyInAnyOrderElementsOf(paths);
  }

  @Test
  void aStemsFilesStayInOneSlice() {
    Set<String> paths = new LinkedHashSet<>();
    for (int i = 0; i < 30; i++) { // Live Photo halves and sidecars, reported in any order
      paths.add("DCIM/IMG_" + i + ".MOV");
      paths.add("DCIM/IMG_" + i + ".xmp");
      paths.add("DCIM/IMG_" + i + ".HEIC");
      paths.add("DCIM/IMG_" + i + ".HEIC.aae");
    }
    paths.add(null); // a path the queue kept as reported (refused later, with its reason)
    for (List<String> slice : PathSlices.of(paths, 3)) {
      Set<String> stems = new HashSet<>();
      slice.forEach(p -> stems.add(PathSlices.stemKey(p)));
      for (String stem : stems) {
        long inSlice = slice.stream().filter(p -> PathSlices.stemKey(p).equals(stem)).count();
        long inAll = paths.stream().filter(p -> PathSlices.stemKey(p).equals(stem)).count();
        assertThat(inSlice).as(stem).isEqualTo(inAll);
      }
    }
    assertThat(PathSlices.stemKey("a.b/IMG_1.jpg")).isEqualTo("a.b/IMG_1");
    assertThat(PathSlices.stemKey("DCIM/noext")).isEqualTo("DCIM/noext");
    assertThat(PathSlices.stemKey("DCIM/._IMG_1.jpg")).isEqualTo("DCIM/._IMG_1"); // AppleDouble: not one stem for all
  }
}
