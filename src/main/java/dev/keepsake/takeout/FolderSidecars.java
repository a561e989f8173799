package dev.keepsake.takeout;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The sidecars of one Takeout folder — gathered from every part of the export, since a photo and
 * its sidecar can land in different parts — and the capture time each photo of the folder gets
 * from them, looked up by name (a folder of 20,000 photos costs a few map lookups a photo). Memory
 * is one folder's sidecars.
 */
public final class FolderSidecars {
  private record Entry(SidecarName name, TakeoutJson.Sidecar sidecar) {}

  /** By the photo name they give, whole; cut ones also by their first characters; by stem, for companions. */
  private final java.util.Map<String, List<Entry>> byName = new java.util.HashMap<>();
  private final java.util.Map<String, List<Entry>> byCutPrefix = new java.util.HashMap<>();
  private final java.util.Map<String, List<Entry>> byStem = new java.util.HashMap<>();

  /** True when {@code fileName} is named like a sidecar (a {@code .json}); such files are not media. */
  public static boolean isSidecarName(String fileName) {
    return SidecarName.parse(fileName).isPresent();
  }

  /** Adds the sidecar read from {@code fileName}; names that are not a photo sidecar's are ignored. */
  public void add(String fileName, TakeoutJson.Sidecar sidecar) {
    SidecarName.parse(fileName).ifPresent(name -> {
      Entry e = new Entry(name, sidecar);
      byName.computeIfAbsent(name.photoName(), k -> new ArrayList<>()).add(e);
      if (name.cut()) {
        byCutPrefix.computeIfAbsent(name.photoName().substring(0, SidecarName.MIN_CUT_LENGTH), k -> new ArrayList<>()).add(e);
      }
      int dot = name.photoName().indexOf('.');
      if (dot > 0) {
        byStem.computeIfAbsent(name.photoName().substring(0, dot + 1), k -> new ArrayList<>()).add(e);
      }
    });
  }

  public boolean isEmpty() {
    return byName.isEmpty();
  }

  /**
   * The capture time the sidecars give the photo {@code fileName}: the sidecar that names it (as
   * itself, without Google's {@code (n)}, or as the original of an edited copy) whole; else one that
   * names it cut short, a numbered reading first (a cut {@code …androi.json} must not date
   * {@code …android(1).jpg}, whose sidecar is {@code …androi(1).json}); where several fit, the one
   * whose {@code title} is the photo's; else, for the other half of a Live Photo or a motion photo's
   * video ({@code IMG_7.MP4} beside {@code IMG_7.HEIC}), the one sidecar of its stem. Empty when none
   * fits, or when the fitting ones disagree.
   */
  public Optional<Instant> takenAt(String fileName) {
    List<PhotoName> readings = PhotoName.readingsOf(fileName);
    for (PhotoName reading : readings) {
      Optional<Optional<Instant>> found = decide(fitting(reading, true), reading);
      if (found.isPresent()) {
        return found.get();
      }
    }
    List<PhotoName> numberedFirst = new ArrayList<>(readings);
    numberedFirst.sort(java.util.Comparator.comparing(r -> r.number() == 0));
    for (PhotoName reading : numberedFirst) {
      Optional<Optional<Instant>> found = decide(fitting(reading, false), reading);
      if (found.isPresent()) {
        return found.get();
      }
    }
    return companion(fileName);
  }

  private List<Entry> fitting(PhotoName reading, boolean whole) {
    List<Entry> candidates = whole ? byName.getOrDefault(reading.name(), List.of())
        : reading.name().length() < SidecarName.MIN_CUT_LENGTH ? List.of()
        : byCutPrefix.getOrDefault(reading.name().substring(0, SidecarName.MIN_CUT_LENGTH), List.of());
    List<Entry> fitting = new ArrayList<>();
    for (Entry e : candidates) {
      if (e.sidecar().takenAt() != null && e.name().number() == reading.number()
          && (whole || e.name().names(reading.name(), reading.number()))) {
        fitting.add(e);
      }
    }
    return fitting;
  }

  /** Empty when nothing fits; else the agreed time, or an empty answer when they disagree. */
  private static Optional<Optional<Instant>> decide(List<Entry> fitting, PhotoName reading) {
    if (fitting.isEmpty()) {
      return Optional.empty();
    }
    if (fitting.size() > 1) {
      List<Entry> titled = fitting.stream().filter(e -> reading.name().equals(e.sidecar().title())).toList();
      fitting = titled.isEmpty() ? fitting : titled;
    }
    Instant first = fitting.get(0).sidecar().takenAt();
    boolean agree = fitting.stream().allMatch(e -> e.sidecar().takenAt().equals(first));
    return Optional.of(agree ? Optional.of(first) : Optional.empty()); // album copies of one photo agree; others are a guess
  }

  /** The sidecar of the file's stem under another extension, when there is exactly one time for it. */
  private Optional<Instant> companion(String fileName) {
    int dot = fileName.indexOf('.');
    if (dot <= 0 || fileName.indexOf('.', dot + 1) >= 0) { // a plain stem.ext only: IMG_7.MP4, not IMG_7.MP.jpg
      return Optional.empty();
    }
    String stem = fileName.substring(0, dot + 1);
    List<Instant> times = byStem.getOrDefault(stem, List.of()).stream()
        .filter(e -> e.sidecar().takenAt() != null && e.name().number() == 0 && !e.name().cut()
            && e.name().photoName().startsWith(stem) && e.name().photoName().indexOf('.', dot + 1) < 0)
        .map(e -> e.sidecar().takenAt()).distinct().toList();
    return times.size() == 1 ? Optional.of(times.get(0)) : Optional.empty();
  }
}
