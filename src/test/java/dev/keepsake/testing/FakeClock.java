package dev.keepsake.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock tests move by hand: days of simulated time run in milliseconds. */
public final class FakeClock extends Clock {
  private volatile Instant now;
  private final ZoneId zone;

  public FakeClock(Instant start) {
    this(start, ZoneOffset.UTC);
  }

  private FakeClock(Instant start, ZoneId zone) {
    this.now = start;
    this.zone = zone;
  }

  public void advance(Duration d) {
    now = now.plus(d);
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId z) {
    return new FakeClock(now, z);
  }

  @Override
  public Instant instant() {
    return now;
  }
}
