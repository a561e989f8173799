package dev.keepsake.media;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import us.dustinj.timezonemap.TimeZone;
import us.dustinj.timezonemap.TimeZoneMap;

/**
 * Time-zone boundaries from the {@code timezonemap} library (OpenStreetMap's boundaries as
 * timezone-boundary-builder publishes them, shipped in its jar: no network). The whole world does
 * not fit the service's 128 MiB heap, so the map is loaded one {@value #CELL_DEGREES}° cell at a
 * time, clipped to that cell, and at most {@value #MAX_CELLS} cells are kept: a
 * trip's photos share a cell or two. Loading a cell reads the packed data once (about half a second).
 * A cell takes well under 2 MiB of heap (six cells from Europe, America, Japan and the Pacific kept
 * at once: 9 MiB, measured with the unit's flags), so the {@value #MAX_CELLS} kept cover a family's
 * travels without loading one per movie. Answers are also kept per position rounded to
 * {@value #ANSWER_DEGREES}° (about 100 m, within a phone's GPS error), at most {@value #MAX_ANSWERS}:
 * the same spot is looked up once.
 *
 * <p>If the data cannot be read (its decompressor is a native library), the failure is logged once
 * and every lookup answers empty, so dates fall back to {@code archive.zone}; ingest never stops for it.
 */
final class OfflineZones implements PlaceZones {
  static final OfflineZones SHARED = new OfflineZones();
  static final int CELL_DEGREES = 5;
  static final int MAX_CELLS = 16;
  static final double ANSWER_DEGREES = 0.001;
  static final int MAX_ANSWERS = 4096;
  private static final Logger log = LoggerFactory.getLogger(OfflineZones.class);

  private final Map<Long, TimeZoneMap> cells = new LinkedHashMap<>(8, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Long, TimeZoneMap> eldest) {
      return size() > MAX_CELLS;
    }
  };
  private final Map<Long, Optional<ZoneId>> answers = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Long, Optional<ZoneId>> eldest) {
      return size() > MAX_ANSWERS;
    }
  };
  private volatile String unavailable;

  @Override
  public synchronized Optional<ZoneId> zoneAt(GeoPosition place) {
    if (unavailable != null) {
      return Optional.empty();
    }
    long spot = Math.round((place.latitude() + 90) / ANSWER_DEGREES) * 1_000_000L
        + Math.round((place.longitude() + 180) / ANSWER_DEGREES);
    Optional<ZoneId> known = answers.get(spot);
    if (known != null) {
      return known;
    }
    Optional<ZoneId> answer = lookUp(place);
    if (unavailable == null) {
      answers.put(spot, answer);
    }
    return answer;
  }

  private Optional<ZoneId> lookUp(GeoPosition place) {
    double lat = Math.min(place.latitude(), 90 - 1e-9);
    double lon = Math.min(place.longitude(), 180 - 1e-9);
    int south = (int) Math.floor(lat / CELL_DEGREES) * CELL_DEGREES;
    int west = (int) Math.floor(lon / CELL_DEGREES) * CELL_DEGREES;
    long key = ((long) south << 32) | (west & 0xFFFFFFFFL);
    try {
      TimeZoneMap cell = cells.get(key);
      if (cell == null) {
        cell = TimeZoneMap.forRegion(south, west, Math.min(90, south + CELL_DEGREES), Math.min(180, west + CELL_DEGREES));
        cells.put(key, cell);
      }
      TimeZone zone = cell.getOverlappingTimeZone(lat, lon);
      return zone == null ? Optional.empty() : Optional.of(ZoneId.of(zone.getZoneId()));
    } catch (DateTimeException unknownToJava) {
      return Optional.empty(); // a zone name newer than this JVM's tz data
    } catch (Throwable unreadable) { // a native decompressor that will not load, an OOM: not this file's fault
      unavailable = unreadable.toString();
      log.warn("time-zone boundary data could not be read ({}); UTC capture times use archive.zone until restart"
          + " (its decompressor is unpacked into java.io.tmpdir, {}: that folder must be writable and not noexec)",
          unavailable, System.getProperty("java.io.tmpdir"));
      return Optional.empty();
    }
  }
}
