package dev.keepsake.media;

import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifDirectoryBase;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.drew.metadata.mov.QuickTimeDirectory;
import com.drew.metadata.mov.media.QuickTimeMediaDirectory;
import com.drew.metadata.mov.metadata.QuickTimeMetadataDirectory;
import com.drew.metadata.mp4.Mp4Directory;
import com.drew.metadata.mp4.media.Mp4MediaDirectory;
import com.drew.metadata.xmp.XmpDirectory;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * The metadata part of the capture-date chain (DESIGN.md §2), in its order: EXIF DateTimeOriginal,
 * EXIF DateTimeDigitized, Apple QuickTime creationdate, movie header (UTC), first track (UTC), XMP.
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
      Instant instant = date.toInstant();
      if (plausibility.isPlausibleInstant(instant)) {
        CaptureDate capture = CaptureDate.inZone(instant, zone, origin);
        if (plausibility.isPlausible(capture)) {
          found.add(capture);
        }
      }
    }
  }
}
