package dev.keepsake.media;

import java.time.ZoneOffset;
import java.util.List;

/**
 * What reading a file's content found.
 *
 * @param type photo, video, sidecar or other
 * @param format the detected container or image format, for messages ("JPEG", "MP4", "unknown")
 * @param metadataDates plausible dates from metadata, best rule first (may be empty)
 * @param problems why metadata could not be read, if it could not (the file is still archived)
 * @param userDataDates plausible dates of the weak user-data rule ({@code ©day}, {@code date}): after the file name
 * @param ownOffset an offset the file wrote beside any of its times (EXIF OffsetTime*, the Apple key), or null
 * @param place where the file says it was captured (EXIF GPS, QuickTime {@code ©xyz} or the Apple key, 3GPP
 *     {@code loci}), or null
 */
public record Inspection(MediaType type, String format, List<CaptureDate> metadataDates, List<String> problems,
    List<CaptureDate> userDataDates, ZoneOffset ownOffset, GeoPosition place) {

  public Inspection {
    metadataDates = List.copyOf(metadataDates);
    problems = List.copyOf(problems);
    userDataDates = List.copyOf(userDataDates);
  }

  public Inspection(MediaType type, String format, List<CaptureDate> metadataDates, List<String> problems) {
    this(type, format, metadataDates, problems, List.of(), null, null);
  }
}
