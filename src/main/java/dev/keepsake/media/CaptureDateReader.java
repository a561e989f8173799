package dev.keepsake.media;

import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Optional;

/**
 * The whole capture-date chain: metadata (best rule first), then a date in the file name, then the
 * file's mtime, each in the configured zone. Implausible values are skipped at every step, so a file
 * never lands in 1970 by accident; if even the mtime is implausible the file is dated when Keepsake
 * first saw it ({@link DateOrigin#MTIME} is not claimed for a made-up time).
 */
public final class CaptureDateReader {
  private final ZoneId zone;
  private final Clock clock;
  private final DatePlausibility plausibility;

  public CaptureDateReader(ZoneId zone, Clock clock) {
    this.zone = zone;
    this.clock = clock;
    this.plausibility = new DatePlausibility(clock);
  }

  public CaptureDate date(Inspection inspection, String fileName, FileTime mtime) {
    if (!inspection.metadataDates().isEmpty()) {
      return inspection.metadataDates().get(0);
    }
    Optional<CaptureDate> fromName = fromFileName(fileName);
    if (fromName.isPresent()) {
      return fromName.get();
    }
    CaptureDate fromMtime = CaptureDate.inZone(mtime.toInstant(), zone, DateOrigin.MTIME);
    if (plausibility.isPlausible(fromMtime)) {
      return fromMtime;
    }
    return CaptureDate.inZone(clock.instant(), zone, DateOrigin.INGEST_TIME);
  }

  public Optional<CaptureDate> fromFileName(String fileName) {
    return FilenameDates.read(fileName, zone).filter(plausibility::isPlausible);
  }

  public ZoneId zone() {
    return zone;
  }
}
