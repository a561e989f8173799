package dev.keepsake.media;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;

/**
 * Decides whether a date read from a file can be believed. Cameras write zeros, firmware defaults
 * and garbage; an implausible value is treated as absent so the next rule of the chain decides.
 */
final class DatePlausibility {
  private static final int MIN_YEAR = 1900;
  private static final Duration MAX_AHEAD = Duration.ofDays(1);
  /** QuickTime stores "no date" as zero seconds since this instant. */
  private static final Instant QUICKTIME_EPOCH = Instant.parse("1904-01-01T00:00:00Z");

  private final Clock clock;

  DatePlausibility(Clock clock) {
    this.clock = clock;
  }

  boolean isPlausible(CaptureDate date) {
    return isPlausibleLocal(date.local()) && isPlausibleInstant(date.instant());
  }

  boolean isPlausibleLocal(LocalDateTime local) {
    return local.getYear() >= MIN_YEAR && !local.isAfter(LocalDateTime.now(clock).plus(MAX_AHEAD).plusHours(14));
  }

  /** The day before 1900 began: earlier is no photo's moment (parsed once: this is asked for every date read). */
  private static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z").minus(Duration.ofDays(1));

  boolean isPlausibleInstant(Instant instant) {
    if (instant.equals(QUICKTIME_EPOCH) || instant.equals(Instant.EPOCH)) {
      return false; // a zero written by a camera or a tool, not a moment anybody took a photo
    }
    return instant.isAfter(EARLIEST)
        && !instant.isAfter(clock.instant().plus(MAX_AHEAD));
  }
}
