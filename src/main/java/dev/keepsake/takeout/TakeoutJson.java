package dev.keepsake.takeout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Optional;

/**
 * The two fields Keepsake reads from a Takeout sidecar: {@code title} (the photo's name when it
 * was uploaded) and {@code photoTakenTime.timestamp} (seconds since 1970, UTC). {@code creationTime}
 * is when it was uploaded, never a capture time, and is not read. At most {@value #MAX_BYTES} bytes
 * are read: a sidecar is a kilobyte; more is not one.
 */
public final class TakeoutJson {
  static final int MAX_BYTES = 1 << 20;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What one sidecar says; {@code takenAt} null when it has no usable time. */
  public record Sidecar(String title, Instant takenAt) {}

  private TakeoutJson() {}

  /** The sidecar in {@code in}, or empty when it is not one (album metadata, broken or oversized JSON). */
  public static Optional<Sidecar> read(InputStream in) {
    try {
      byte[] bytes = in.readNBytes(MAX_BYTES + 1);
      if (bytes.length > MAX_BYTES) {
        return Optional.empty();
      }
      JsonNode root = JSON.readTree(bytes);
      if (root == null || !root.isObject()) {
        return Optional.empty();
      }
      String title = root.path("title").isTextual() ? root.path("title").asText() : null;
      JsonNode stamp = root.path("photoTakenTime").path("timestamp");
      Instant taken = null;
      if (stamp.isTextual() || stamp.isNumber()) {
        try {
          long seconds = Long.parseLong(stamp.asText().trim());
          taken = seconds > 0 ? Instant.ofEpochSecond(seconds) : null;
        } catch (NumberFormatException notSeconds) {
          taken = null;
        }
      }
      return title == null && taken == null ? Optional.empty() : Optional.of(new Sidecar(title, taken));
    } catch (IOException | RuntimeException notASidecar) {
      return Optional.empty();
    }
  }
}
