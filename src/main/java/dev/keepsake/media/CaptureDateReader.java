package dev.keepsake.media;

import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The whole capture-date chain: metadata (best rule first), then, for an imported file, its Google
 * Takeout sidecar's {@code photoTakenTime}, then a date in the file name, then a
 * movie's user-data date ({@code ©day}), then the file's mtime. Implausible values are skipped at
 * every step, so a file never lands in 1970 by accident; if even the mtime is implausible the file
 * is dated when Keepsake first saw it ({@link DateOrigin#MTIME} is not claimed for a made-up time).
 *
 * <p>A winner that is a UTC capture time (movie headers, Pixel names) is turned into local time
 * with the file's own offset, else the zone at its GPS position ({@link PlaceZones}), else
 * {@code archive.zone}; a wall-clock time the file wrote is never shifted, and the mtime (the
 * NAS's time, not the camera's) stays in {@code archive.zone}. The date records which
 * zone was used and why ({@link LocalZone}).
 */
public final class CaptureDateReader {
  private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private final ZoneId zone;
  private final Clock clock;
  private final DatePlausibility plausibility;
  private final PlaceZones places;

  public CaptureDateReader(ZoneId zone, Clock clock) {
    this(zone, clock, PlaceZones.offline());
  }

  public CaptureDateReader(ZoneId zone, Clock clock, PlaceZones places) {
    this.zone = zone;
    this.clock = clock;
    this.plausibility = new DatePlausibility(clock);
    this.places = places;
  }

  public CaptureDate date(Inspection inspection, String fileName, FileTime mtime) {
    return date(inspection, fileName, mtime, null);
  }

  /** @param sidecarTaken a Takeout sidecar's {@code photoTakenTime} for this file, or null */
  public CaptureDate date(Inspection inspection, String fileName, FileTime mtime, Instant sidecarTaken) {
    return localised(inspection, chainWinner(inspection, fileName, mtime, sidecarTaken));
  }

  private CaptureDate chainWinner(Inspection inspection, String fileName, FileTime mtime, Instant sidecarTaken) {
    if (!inspection.metadataDates().isEmpty()) {
      return inspection.metadataDates().get(0);
    }
    Optional<CaptureDate> fromSidecar = fromSidecar(sidecarTaken);
    if (fromSidecar.isPresent()) {
      return fromSidecar.get();
    }
    Optional<CaptureDate> fromName = fromFileName(fileName);
    if (fromName.isPresent()) {
      return fromName.get();
    }
    if (!inspection.userDataDates().isEmpty()) {
      return inspection.userDataDates().get(0);
    }
    CaptureDate fromMtime = CaptureDate.inZone(mtime.toInstant(), zone, DateOrigin.MTIME);
    if (plausibility.isPlausible(fromMtime)) {
      return fromMtime;
    }
    return CaptureDate.inZone(clock.instant(), zone, DateOrigin.INGEST_TIME);
  }

  /**
   * {@code date} in the zone of the file's place when it is a UTC time the chain showed in
   * {@code archive.zone}; unchanged otherwise. A moved date that is no longer plausible (a day
   * ahead of now) stays in {@code archive.zone}.
   */
  private CaptureDate localised(Inspection inspection, CaptureDate date) {
    if (!date.isInArchiveZone() || date.origin().isNasTime()) {
      return date; // a file time says when the NAS got the file, not where it was taken
    }
    LocalZone better = null;
    if (inspection.ownOffset() != null) {
      better = new LocalZone(inspection.ownOffset(), LocalZone.Reason.FILE_OFFSET, null);
    } else if (inspection.place() != null) {
      better = places.zoneAt(inspection.place())
          .map(z -> new LocalZone(z, LocalZone.Reason.GPS, inspection.place()))
          // a place with no zone found (data unreadable, no boundary there): say so, keep archive.zone
          .orElse(new LocalZone(zone, LocalZone.Reason.ARCHIVE_ZONE, inspection.place()));
    }
    if (better == null || better.zone().equals(zone)) {
      return better == null ? date : date.in(better);
    }
    CaptureDate moved = date.in(better);
    return plausibility.isPlausible(moved) ? moved : date;
  }

  /**
   * The dates the rules after the winner would have given (for {@code keepsake why}): the other
   * metadata dates, the name's, the user data's, the mtime, in chain order, {@code "origin local; …"};
   * null when no other rule had one.
   */
  public String beaten(Inspection inspection, String fileName, FileTime mtime, CaptureDate winner) {
    return beaten(inspection, fileName, mtime, null, winner);
  }

  /** As {@link #beaten(Inspection, String, FileTime, CaptureDate)}, with the file's Takeout sidecar time. */
  public String beaten(Inspection inspection, String fileName, FileTime mtime, Instant sidecarTaken, CaptureDate winner) {
    List<CaptureDate> others = new ArrayList<>();
    for (CaptureDate d : inspection.metadataDates()) {
      if (d.origin() != winner.origin() || !d.instant().equals(winner.instant())) {
        others.add(d);
      }
    }
    fromSidecar(sidecarTaken).filter(d -> winner.origin() != DateOrigin.TAKEOUT_SIDECAR).ifPresent(others::add);
    fromFileName(fileName).filter(d -> winner.origin() != DateOrigin.FILENAME).ifPresent(others::add);
    inspection.userDataDates().stream().filter(d -> winner.origin() != DateOrigin.QUICKTIME_DAY).forEach(others::add);
    CaptureDate fromMtime = CaptureDate.inZone(mtime.toInstant(), zone, DateOrigin.MTIME);
    if (winner.origin() != DateOrigin.MTIME && plausibility.isPlausible(fromMtime)) {
      others.add(fromMtime);
    }
    List<String> distinct = others.stream()
        .map(d -> localised(inspection, d))
        .map(d -> d.origin().label() + " " + SHOWN.format(d.local()))
        .distinct().toList(); // XMP and EXIF often say the same
    return distinct.isEmpty() ? null : String.join("; ", distinct);
  }

  private Optional<CaptureDate> fromSidecar(Instant taken) {
    return taken == null ? Optional.empty()
        : Optional.of(CaptureDate.inZone(taken, zone, DateOrigin.TAKEOUT_SIDECAR)).filter(plausibility::isPlausible);
  }

  public Optional<CaptureDate> fromFileName(String fileName) {
    return FilenameDates.read(fileName, zone).filter(plausibility::isPlausible);
  }

  public ZoneId zone() {
    return zone;
  }
}
