package dev.keepsake.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class PacerTest {
  private long now;
  private final List<Long> slept = new ArrayList<>();

  private Pacer pacer(long bytesPerSecond) {
    return new Pacer(bytesPerSecond, () -> now, millis -> {
      slept.add(millis);
      now += millis * 1_000_000;
    });
  }

  @Test
  void readsAheadOfTheCapWaitUntilTheScheduleCatchesUp() {
    Pacer pacer = pacer(10_000_000); // 10 MB/s
    pacer.read(5_000_000); // half a second's worth, read at once
    assertThat(slept).containsExactly(500L);
    now += 2_000_000_000L; // then two slow seconds (a slow disk): no wait owed
    pacer.read(5_000_000);
    assertThat(slept).containsExactly(500L);
    for (int i = 0; i < 100; i++) { // a hundred 1 MB files read instantly: 10 s of budget
      pacer.read(1_000_000);
    }
    // 110 MB at 10 MB/s end at 11 s; waited: all of it but the two slow seconds
    assertThat(now / 1e9).isBetween(10.99, 11.01);
    assertThat(slept.stream().mapToLong(Long::longValue).sum()).isBetween(8_990L, 9_000L);
  }

  @Test
  void noCapNeverWaits() {
    Pacer pacer = pacer(0);
    pacer.read(Long.MAX_VALUE / 2);
    assertThat(slept).isEmpty();
  }
}
