package dev.keepsake.media;

/**
 * Which rule of the capture-date chain produced a date. The ledger stores {@link #label()}, so
 * reports can list files dated only by a weak rule.
 */
public enum DateOrigin {
  EXIF_ORIGINAL("exif-original"),
  /** An AVCHD camcorder's date in its H.264 stream (the MDPM pack). */
  H264_MDPM("h264-mdpm"),
  EXIF_DIGITIZED("exif-digitized"),
  QUICKTIME_APPLE("quicktime-apple"),
  QUICKTIME_UTC("quicktime-utc"),
  QUICKTIME_TRACK("quicktime-track"),
  XMP("xmp"),
  /** Google Takeout's sidecar {@code photoTakenTime} (UTC), for imported files: after the file's own metadata. */
  TAKEOUT_SIDECAR("takeout-sidecar"),
  FILENAME("filename"),
  /** A movie's user-data {@code ©day} or {@code date}: often a day only, written by editors as well as cameras. */
  QUICKTIME_DAY("quicktime-day"),
  MTIME("mtime"),
  /** Not even the mtime was plausible: dated when Keepsake first saw the file. */
  INGEST_TIME("ingest-time");

  private final String label;

  DateOrigin(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** Name and mtime say little about when a picture was taken: reports list such files for review. */
  public boolean isWeak() {
    return this == FILENAME || this == QUICKTIME_DAY || this == MTIME || this == INGEST_TIME;
  }

  /** The file system's times: when the NAS got the file, in {@code archive.zone}, never in the zone of a place. */
  public boolean isNasTime() {
    return this == MTIME || this == INGEST_TIME;
  }

  /** What {@code keepsake why} and the weekly report say of a file this rule dated. */
  public String describe() {
    return switch (this) {
      case EXIF_ORIGINAL -> "EXIF DateTimeOriginal";
      case H264_MDPM -> "the camcorder's MDPM date in its H.264 stream";
      case EXIF_DIGITIZED -> "EXIF DateTimeDigitized";
      case QUICKTIME_APPLE -> "the Apple creation date";
      case QUICKTIME_UTC -> "the movie header, UTC";
      case QUICKTIME_TRACK -> "the first track's header, UTC";
      case XMP -> "XMP";
      case TAKEOUT_SIDECAR -> "the Google Takeout sidecar's photoTakenTime, UTC";
      case FILENAME -> "the file name";
      case QUICKTIME_DAY -> "the movie's user-data day \u00a9day/date";
      case MTIME -> "the file time, mtime";
      case INGEST_TIME -> "the time Keepsake first saw it, no other date being plausible";
    };
  }

  /** The ledger labels of the weak rules, for queries. */
  public static java.util.List<String> weakLabels() {
    return java.util.Arrays.stream(values()).filter(DateOrigin::isWeak).map(DateOrigin::label).toList();
  }

  public static DateOrigin fromLabel(String label) {
    for (DateOrigin origin : values()) {
      if (origin.label.equals(label)) {
        return origin;
      }
    }
    throw new IllegalArgumentException("unknown date origin: " + label);
  }
}
