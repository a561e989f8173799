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
  private static final java.time.format.DateTimeFormatter SHOWN = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
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

  /**
   * The dates the rules after the winner would have given (for {@code keepsake why}): the other
   * metadata dates, the name's, the mtime, in chain order, {@code "origin local; …"}; null when
   * no other rule had one.
   */
  public String beaten(Inspection inspection, String fileName, FileTime mtime, CaptureDate winner) {
    java.util.List<String> others = new java.util.ArrayList<>();
    for (CaptureDate d : inspection.metadataDates()) {
      if (d != winner) {
        others.add(d.origin().label() + " " + SHOWN.format(d.local()));
      }
    }
    fromFileName(fileName).filter(d -> winner.origin() != DateOrigin.FILENAME)
        .ifPresent(d -> others.add(d.origin().label() + " " + SHOWN.format(d.local())));
    CaptureDate fromMtime = CaptureDate.inZone(mtime.toInstant(), zone, DateOrigin.MTIME);
    if (winner.origin() != DateOrigin.MTIME && plausibility.isPlausible(fromMtime)) {
      others.add(fromMtime.origin().label() + " " + SHOWN.format(fromMtime.local()));
    }
    java.util.List<String> distinct = others.stream().distinct().toList(); // XMP and EXIF often say the same
    return distinct.isEmpty() ? null : String.join("; ", distinct);
  }

  public Optional<CaptureDate> fromFileName(String fileName) {
    return FilenameDates.read(fileName, zone).filter(plausibility::isPlausible);
  }

  public ZoneId zone() {
    return zone;
  }
}
