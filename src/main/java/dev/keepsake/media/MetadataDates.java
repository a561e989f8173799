package dev.keepsake.media;

import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifDirectoryBase;
import com.drew.lang.GeoLocation;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.drew.metadata.exif.GpsDirectory;
import com.drew.metadata.mov.QuickTimeDirectory;
import com.drew.metadata.mov.media.QuickTimeMediaDirectory;
import com.drew.metadata.mov.metadata.QuickTimeMetadataDirectory;
import com.drew.metadata.mp4.Mp4Directory;
import com.drew.metadata.mp4.media.Mp4MediaDirectory;
import com.drew.metadata.xmp.XmpDirectory;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The metadata part of the capture-date chain (DESIGN.md §2), in its order: EXIF DateTimeOriginal,
 * EXIF DateTimeDigitized, Apple QuickTime creationdate, movie header (UTC), first track (UTC), XMP;
 * an AVCHD camera's MDPM pack stands where EXIF would. Beside the dates it finds what the zone of
 * a UTC time is chosen by: an offset the file wrote, and a GPS position.
 *
 * <p>EXIF and Apple times are wall-clock times as written; their offset is recorded, not applied.
 * QuickTime header times are UTC by specification, so they are read with {@code Directory#getDate}
 * (an instant) and shown in the configured zone — never via {@code getDescription()}, which renders
 * in the JVM's zone.
 */
final class MetadataDates {
  private final ZoneId zone;
  private final DatePlausibility plausibility;

  MetadataDates(ZoneId zone, DatePlausibility plausibility) {
    this.zone = zone;
    this.plausibility = plausibility;
  }

  List<CaptureDate> from(Metadata metadata) {
    List<CaptureDate> found = new ArrayList<>();
    for (ExifSubIFDDirectory exif : metadata.getDirectoriesOfType(ExifSubIFDDirectory.class)) {
      addWritten(found, exif.getString(ExifDirectoryBase.TAG_DATETIME_ORIGINAL),
          exif.getString(ExifDirectoryBase.TAG_TIME_ZONE_ORIGINAL), DateOrigin.EXIF_ORIGINAL);
    }
    for (ExifSubIFDDirectory exif : metadata.getDirectoriesOfType(ExifSubIFDDirectory.class)) {
      addWritten(found, exif.getString(ExifDirectoryBase.TAG_DATETIME_DIGITIZED),
          exif.getString(ExifDirectoryBase.TAG_TIME_ZONE_DIGITIZED), DateOrigin.EXIF_DIGITIZED);
    }
    for (QuickTimeMetadataDirectory apple : metadata.getDirectoriesOfType(QuickTimeMetadataDirectory.class)) {
      addWritten(found, apple.getString(QuickTimeMetadataDirectory.TAG_CREATION_DATE), null, DateOrigin.QUICKTIME_APPLE);
    }
    for (QuickTimeDirectory movie : metadata.getDirectoriesOfType(QuickTimeDirectory.class)) {
      addUtc(found, movie, QuickTimeDirectory.TAG_CREATION_TIME, DateOrigin.QUICKTIME_UTC);
    }
    for (Mp4Directory movie : metadata.getDirectoriesOfType(Mp4Directory.class)) {
      addUtc(found, movie, Mp4Directory.TAG_CREATION_TIME, DateOrigin.QUICKTIME_UTC);
    }
    for (Directory track : metadata.getDirectories()) {
      if (track instanceof QuickTimeMediaDirectory) {
        addUtc(found, track, QuickTimeMediaDirectory.TAG_CREATION_TIME, DateOrigin.QUICKTIME_TRACK);
      } else if (track instanceof Mp4MediaDirectory) {
        addUtc(found, track, Mp4MediaDirectory.TAG_CREATION_TIME, DateOrigin.QUICKTIME_TRACK);
      }
    }
    for (XmpDirectory xmp : metadata.getDirectoriesOfType(XmpDirectory.class)) {
      Map<String, String> properties = xmp.getXmpProperties();
      for (String key : List.of("exif:DateTimeOriginal", "photoshop:DateCreated", "xmp:CreateDate")) {
        addWritten(found, properties.get(key), null, DateOrigin.XMP);
      }
    }
    return found;
  }

  /**
   * The offset the file wrote beside any of its times: the first written with a date, else EXIF
   * OffsetTime / OffsetTimeOriginal / OffsetTimeDigitized standing alone; null when none.
   */
  ZoneOffset ownOffset(Metadata metadata, List<CaptureDate> dates) {
    for (CaptureDate date : dates) {
      if (date.offset() != null) {
        return date.offset();
      }
    }
    for (ExifSubIFDDirectory exif : metadata.getDirectoriesOfType(ExifSubIFDDirectory.class)) {
      for (int tag : new int[] {ExifDirectoryBase.TAG_TIME_ZONE_ORIGINAL, ExifDirectoryBase.TAG_TIME_ZONE,
          ExifDirectoryBase.TAG_TIME_ZONE_DIGITIZED}) {
        ZoneOffset offset = WrittenDate.offset(exif.getString(tag));
        if (offset != null) {
          return offset;
        }
      }
    }
    return null;
  }

  /** EXIF GPS, else the Apple key's ISO 6709 location; null when the file has neither (or 0,0). */
  GeoPosition place(Metadata metadata) {
    for (GpsDirectory gps : metadata.getDirectoriesOfType(GpsDirectory.class)) {
      GeoLocation location = gps.getGeoLocation();
      if (location != null) {
        Optional<GeoPosition> place = GeoPosition.of(location.getLatitude(), location.getLongitude());
        if (place.isPresent()) {
          return place.get();
        }
      }
    }
    for (QuickTimeMetadataDirectory apple : metadata.getDirectoriesOfType(QuickTimeMetadataDirectory.class)) {
      Optional<GeoPosition> place = GeoPosition.iso6709(apple.getString(QuickTimeMetadataDirectory.TAG_LOCATION_ISO6709));
      if (place.isPresent()) {
        return place.get();
      }
    }
    return null;
  }

  /**
   * The weak user-data rule: {@code ©day} or {@code date}, a day, a period ({@code 2019},
   * {@code 2019-05}: its first day) or a time. A time written in UTC ({@code Z}, as ffmpeg copies
   * {@code creation_time}) is a UTC time, turned into local time as the headers' are; any other is
   * taken as written.
   */
  List<CaptureDate> userData(String contentDate) {
    List<CaptureDate> found = new ArrayList<>();
    WrittenDate.parseDayOrPeriod(contentDate).ifPresent(written -> {
      CaptureDate date = ZoneOffset.UTC.equals(written.offset())
          ? CaptureDate.inZone(written.local().toInstant(ZoneOffset.UTC), zone, DateOrigin.QUICKTIME_DAY)
          : CaptureDate.asWritten(written.local(), written.offset(), zone, DateOrigin.QUICKTIME_DAY);
      if (plausibility.isPlausible(date)) {
        found.add(date);
      }
    });
    return found;
  }

  /** The movie and first track headers' UTC times as {@link IsoBoxes} read them, plausible ones only. */
  List<CaptureDate> fromMovieBoxes(IsoBoxes.UserData boxes) {
    List<CaptureDate> found = new ArrayList<>();
    addInstant(found, boxes.movieCreated(), DateOrigin.QUICKTIME_UTC);
    addInstant(found, boxes.trackCreated(), DateOrigin.QUICKTIME_TRACK);
    return found;
  }

  /** An AVCHD camera's date: wall-clock time with the offset it was set to, taken as written. */
  Optional<CaptureDate> fromMdpm(MdpmDate.Written written) {
    CaptureDate date = CaptureDate.asWritten(written.local(), written.offset(), zone, DateOrigin.H264_MDPM);
    return plausibility.isPlausible(date) ? Optional.of(date) : Optional.empty();
  }

  private void addWritten(List<CaptureDate> found, String text, String offsetText, DateOrigin origin) {
    WrittenDate.parse(text).ifPresent(written -> {
      var offset = written.offset() != null ? written.offset() : WrittenDate.offset(offsetText);
      CaptureDate date = CaptureDate.asWritten(written.local(), offset, zone, origin);
      if (plausibility.isPlausible(date)) {
        found.add(date);
      }
    });
  }

  private void addUtc(List<CaptureDate> found, Directory directory, int tag, DateOrigin origin) {
    Object value = directory.getObject(tag);
    if (value instanceof Date date) {
      addInstant(found, date.toInstant(), origin);
    }
  }

  private void addInstant(List<CaptureDate> found, Instant instant, DateOrigin origin) {
    if (instant != null) {
      if (plausibility.isPlausibleInstant(instant)) {
        CaptureDate capture = CaptureDate.inZone(instant, zone, origin);
        if (plausibility.isPlausible(capture)) {
          found.add(capture);
        }
      }
    }
  }
}
