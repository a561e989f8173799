package dev.keepsake.takeout;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The sidecars of one Takeout folder — gathered from every part of the export, since a photo and
 * its sidecar can land in different parts — and the capture time each photo of the folder gets
 * from them. Memory is one folder's sidecars.
 */
public final class FolderSidecars {
  private record Entry(SidecarName name, TakeoutJson.Sidecar sidecar) {}

  private final List<Entry> entries = new ArrayList<>();

  /** True when {@code fileName} is named like a sidecar (a {@code .json}); such files are not media. */
  public static boolean isSidecarName(String fileName) {
    return SidecarName.parse(fileName).isPresent();
  }

  /** Adds the sidecar read from {@code fileName}; names that are not a photo sidecar's are ignored. */
  public void add(String fileName, TakeoutJson.Sidecar sidecar) {
    SidecarName.parse(fileName).ifPresent(name -> entries.add(new Entry(name, sidecar)));
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /**
   * The capture time the sidecars give the photo {@code fileName}: the sidecar that names it (as
   * itself, without Google's {@code (n)}, or as the original of an edited copy), whole or cut
   * short; where several names fit a cut name, the one whose {@code title} is the photo's. Empty
   * when none fits, or when the fitting ones disagree.
   */
  public Optional<Instant> takenAt(String fileName) {
    for (PhotoName reading : PhotoName.readingsOf(fileName)) {
      List<Entry> fitting = new ArrayList<>();
      for (Entry e : entries) {
        if (e.sidecar().takenAt() != null && e.name().names(reading.name(), reading.number())) {
          fitting.add(e);
        }
      }
      if (fitting.size() > 1) {
        List<Entry> titled = fitting.stream().filter(e -> reading.name().equals(e.sidecar().title())).toList();
        fitting = titled.isEmpty() ? fitting : titled;
        // an exact name beats a cut one
        List<Entry> exact = fitting.stream().filter(e -> e.name().photoName().equals(reading.name())).toList();
        fitting = exact.isEmpty() ? fitting : exact;
      }
      if (!fitting.isEmpty()) {
        Instant first = fitting.get(0).sidecar().takenAt();
        boolean agree = fitting.stream().allMatch(e -> e.sidecar().takenAt().equals(first));
        return agree ? Optional.of(first) : Optional.empty(); // album copies of one photo agree; others are a guess
      }
    }
    return Optional.empty();
  }
}
