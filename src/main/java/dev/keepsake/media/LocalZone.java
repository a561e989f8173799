package dev.keepsake.media;

import java.time.ZoneId;
import java.util.Optional;

/**
 * Which zone gave a capture date its wall-clock time, and why that one. A time the file wrote as a
 * wall-clock time (EXIF, the Apple key, a name like {@code IMG_20230916_123456}) is taken as
 * written and never shifted; a UTC time (QuickTime headers, Pixel names, file times) is turned
 * into local time with, in order, the file's own offset, the zone at its GPS position, or
 * {@code archive.zone}.
 *
 * @param zone the zone or offset used; for a time taken as written, the offset written beside it, or null
 * @param reason why this zone
 * @param place the GPS position the zone was looked up at: found there ({@link Reason#GPS}) or not
 *     ({@link Reason#ARCHIVE_ZONE}); null when the file has no position or its own offset decided
 */
public record LocalZone(ZoneId zone, Reason reason, GeoPosition place) {

  public enum Reason {
    AS_WRITTEN("as-written", "the wall-clock time as the file wrote it (not shifted)"),
    FILE_OFFSET("file-offset", "the offset the file itself wrote"),
    GPS("gps", "the time zone at the file's GPS position"),
    ARCHIVE_ZONE("archive-zone", "archive.zone");

    private final String label;
    private final String meaning;

    Reason(String label, String meaning) {
      this.label = label;
      this.meaning = meaning;
    }

    public String label() {
      return label;
    }

    public String meaning() {
      return meaning;
    }
  }

  static LocalZone asWritten(ZoneId writtenOffset) {
    return new LocalZone(writtenOffset, Reason.AS_WRITTEN, null);
  }

  static LocalZone archive(ZoneId zone) {
    return new LocalZone(zone, Reason.ARCHIVE_ZONE, null);
  }

  /** The ledger's spelling of the reason: {@code gps 40.7128, -74.0060}, {@code archive-zone}, …. */
  public String reasonLabel() {
    return place == null ? reason.label : reason.label + " " + place;
  }

  /** For {@code keepsake why}: "America/New_York, the time zone at the file's GPS position (40.7128, -74.0060)". */
  public String explain() {
    if (reason == Reason.AS_WRITTEN) {
      return reason.meaning + (zone == null ? "" : ", written with offset " + zone.getId());
    }
    if (reason == Reason.ARCHIVE_ZONE && place != null) {
      return shown(zone) + ", " + reason.meaning + " (no time zone was found for the file's GPS position " + place + ")";
    }
    return shown(zone) + ", " + reason.meaning + (place == null ? "" : " (" + place + ")");
  }

  /** The zone's name, with its offset where POSIX names read backwards: "Etc/GMT+3 (UTC-03:00)". */
  private static String shown(ZoneId zone) {
    if (zone.getId().startsWith("Etc/GMT")) {
      return zone.getId() + " (UTC" + zone.getRules().getOffset(java.time.Instant.EPOCH).getId().replace("Z", "+00:00") + ")";
    }
    return zone.getId();
  }

  /** Reads back what {@link #zone()} and {@link #reasonLabel()} stored; empty for rows older than this record. */
  public static Optional<LocalZone> fromLedger(String zone, String reasonLabel) {
    if (reasonLabel == null) {
      return Optional.empty();
    }
    String[] parts = reasonLabel.split(" ", 2);
    for (Reason reason : Reason.values()) {
      if (reason.label.equals(parts[0])) {
        GeoPosition place = null;
        if (parts.length == 2) {
          String[] numbers = parts[1].split(",\\s*");
          place = numbers.length == 2 ? new GeoPosition(Double.parseDouble(numbers[0]), Double.parseDouble(numbers[1])) : null;
        }
        return Optional.of(new LocalZone(zone == null ? null : ZoneId.of(zone), reason, place));
      }
    }
    return Optional.empty();
  }
}
