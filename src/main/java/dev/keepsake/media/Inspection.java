package dev.keepsake.media;

import java.util.List;

/**
 * What reading a file's content found.
 *
 * @param type photo, video, sidecar or other
 * @param format the detected container or image format, for messages ("JPEG", "MP4", "unknown")
 * @param metadataDates plausible dates from metadata, best rule first (may be empty)
 * @param problems why metadata could not be read, if it could not (the file is still archived)
 */
public record Inspection(MediaType type, String format, List<CaptureDate> metadataDates, List<String> problems) {

  public Inspection {
    metadataDates = List.copyOf(metadataDates);
    problems = List.copyOf(problems);
  }
}
