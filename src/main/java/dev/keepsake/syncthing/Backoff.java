package dev.keepsake.syncthing;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Waits between retries: doubling from {@code first} up to {@code max}, each wait drawn between half
 * and all of it ("equal jitter"), so many clients do not retry in step.
 */
final class Backoff {
  private final Duration first;
  private final Duration max;
  private final RandomGenerator random;
  private Duration current;

  Backoff(Duration first, Duration max, RandomGenerator random) {
    this.first = first;
    this.max = max;
    this.random = random;
    this.current = first;
  }

  Duration next() {
    long ceiling = current.toMillis();
    current = current.multipliedBy(2).compareTo(max) > 0 ? max : current.multipliedBy(2);
    return Duration.ofMillis(ceiling / 2 + random.nextLong(ceiling / 2 + 1));
  }

  void reset() {
    current = first;
  }
}
