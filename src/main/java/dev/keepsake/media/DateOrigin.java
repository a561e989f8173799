package dev.keepsake.media;

/**
 * Which rule of the capture-date chain produced a date. The ledger stores {@link #label()}, so
 * reports can list files dated only by a weak rule.
 */
public enum DateOrigin {
  EXIF_ORIGINAL("exif-original"),
  EXIF_DIGITIZED("exif-digitized"),
  QUICKTIME_APPLE("quicktime-apple"),
  QUICKTIME_UTC("quicktime-utc"),
  QUICKTIME_TRACK("quicktime-track"),
  XMP("xmp"),
  FILENAME("filename"),
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
    return this == FILENAME || this == MTIME || this == INGEST_TIME;
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
