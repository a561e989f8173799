package dev.keepsake.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Packed names come out as they went in, in the ledger's order (unsigned UTF-8, a folder as if it ended in "/"). */
@Timeout(60)
class PackedNamesTest {
  @Test
  void manyNamesSortAsTheirUtf8BytesWithFoldersEndingInASlash() {
    SplittableRandom random = new SplittableRandom(42);
    String[] alphabet = {"a", "b", "A", "-", ".", "0", "9", "_", "ä", "\uFB01", "\uD83D\uDE00", "\u00e9", " "};
    PackedNames packed = new PackedNames();
    List<String> keys = new ArrayList<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    while (keys.size() < 60_000) { // past the arrays' first sizes and over 1 MiB of names: several blocks
      StringBuilder name = new StringBuilder();
      for (int i = random.nextInt(1, 40); i > 0; i--) {
        name.append(alphabet[random.nextInt(alphabet.length)]);
      }
      if (!seen.add(name.toString())) {
        continue; // a folder's names are unique
      }
      boolean folder = random.nextInt(5) == 0;
      packed.add(name.toString(), folder);
      keys.add(folder ? name + "/" : name.toString());
    }
    packed.sort();

    assertThat(keys.stream().mapToInt(k -> k.getBytes(StandardCharsets.UTF_8).length).sum()).isGreaterThan(1 << 20);
    keys.sort((x, y) -> Arrays.compareUnsigned(x.getBytes(StandardCharsets.UTF_8), y.getBytes(StandardCharsets.UTF_8)));
    List<String> out = new ArrayList<>();
    for (int n = 0; n < packed.size(); n++) {
      out.add(packed.isFolder(n) ? packed.name(n) + "/" : packed.name(n));
    }
    assertThat(out).containsExactlyElementsOf(keys);
  }

  @Test
  void noNamesAndOneName() {
    PackedNames none = new PackedNames();
    none.sort();
    assertThat(none.size()).isZero();
    PackedNames one = new PackedNames();
    one.add("IMG_1.jpg", false);
    one.sort();
    assertThat(one.name(0)).isEqualTo("IMG_1.jpg");
    assertThat(one.isFolder(0)).isFalse();
  }
}
