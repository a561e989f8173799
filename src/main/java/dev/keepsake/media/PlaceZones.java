package dev.keepsake.media;

import java.time.ZoneId;
import java.util.Optional;

/**
 * The time zone in force at a place, looked up offline. The chain asks only for files whose capture
 * time is UTC, that wrote no offset of their own and that carry a position.
 */
public interface PlaceZones {
  /** The zone at {@code place}, or empty when none is known (open sea without data, data unreadable). */
  Optional<ZoneId> zoneAt(GeoPosition place);

  /** Knows no place: every UTC time falls back to {@code archive.zone}. */
  PlaceZones NONE = place -> Optional.empty();

  /** The shipped boundary data, one instance per process, loaded a region at a time on first use. */
  static PlaceZones offline() {
    return OfflineZones.SHARED;
  }
}
