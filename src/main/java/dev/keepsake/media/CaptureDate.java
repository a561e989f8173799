package dev.keepsake.media;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * When a file was captured.
 *
 * @param local the wall-clock time the folder is chosen by (the photographer's day)
 * @param instant the point in time, where it can be known (offset written, or UTC by spec); else
 *     {@code local} read in the configured zone
 * @param offset the offset written in the file, or {@code null} when none was written
 * @param origin which rule of the chain produced it
 * @param zone which zone gave {@code local} and why; null only for ledger rows written before it was recorded
 */
public record CaptureDate(LocalDateTime local, Instant instant, ZoneOffset offset, DateOrigin origin, LocalZone zone) {

  public CaptureDate {
    Objects.requireNonNull(local, "local");
    Objects.requireNonNull(instant, "instant");
    Objects.requireNonNull(origin, "origin");
  }

  /** A date whose zone was not recorded (ledger rows from before it was). */
  public CaptureDate(LocalDateTime local, Instant instant, ZoneOffset offset, DateOrigin origin) {
    this(local, instant, offset, origin, null);
  }

  /** A wall-clock time as written, with an optional written offset; no offset means {@code zone}. */
  static CaptureDate asWritten(LocalDateTime local, ZoneOffset offset, ZoneId zone, DateOrigin origin) {
    Instant instant = offset != null ? local.toInstant(offset) : local.atZone(zone).toInstant();
    return new CaptureDate(local, instant, offset, origin, LocalZone.asWritten(offset));
  }

  /** A point in time (UTC by spec, or a file time) shown as wall-clock time in {@code zone}. */
  static CaptureDate inZone(Instant instant, ZoneId zone, DateOrigin origin) {
    return new CaptureDate(LocalDateTime.ofInstant(instant, zone), instant, null, origin, LocalZone.archive(zone));
  }

  /** True for a UTC time shown in {@code archive.zone}: the kind of date a better zone may move. */
  boolean isInArchiveZone() {
    return zone != null && zone.reason() == LocalZone.Reason.ARCHIVE_ZONE;
  }

  /** This point in time as wall-clock time in {@code better}; only for {@link #isInArchiveZone()} dates. */
  CaptureDate in(LocalZone better) {
    return new CaptureDate(LocalDateTime.ofInstant(instant, better.zone()), instant, null, origin, better);
  }
}
