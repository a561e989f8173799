package dev.keepsake.ingest;

import java.time.Duration;
import java.util.Random;
import java.util.random.RandomGenerator;

/**
 * When a failed file is tried again: after {@code first}, then twice as long each time, up to
 * {@code max} ({@code retry.first} 1m, {@code retry.max} 1h). Each wait is drawn between three
 * quarters and all of its step, so a thousand files that failed together do not all come due in the
 * same second, and a fix is noticed within one step.
 */
public record RetryPolicy(Duration first, Duration max, RandomGenerator random) {
  public static final Duration DEFAULT_FIRST = Duration.ofMinutes(1);
  public static final Duration DEFAULT_MAX = Duration.ofHours(1);

  public static RetryPolicy of(Duration first, Duration max) {
    return new RetryPolicy(first, max, new Random());
  }

  public static RetryPolicy defaults() {
    return of(DEFAULT_FIRST, DEFAULT_MAX);
  }

  /** The step after the {@code failures}-th failure in a row (1-based), before jitter. */
  public Duration step(int failures) {
    Duration step = first;
    for (int i = 1; i < failures && step.compareTo(max) < 0; i++) {
      step = step.multipliedBy(2);
    }
    return step.compareTo(max) > 0 ? max : step;
  }

  /** The wait after the {@code failures}-th failure: the step, less up to a quarter of it. */
  public Duration delay(int failures) {
    long step = step(failures).toMillis();
    return Duration.ofMillis(step - (long) (random.nextDouble() * step / 4));
  }
}
