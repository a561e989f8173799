package dev.keepsake.notify;

import dev.keepsake.failure.FailureKind;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where every error goes first. {@link #record} is O(1), never blocks on I/O and never fails: it
 * folds the error into an in-memory tally per fingerprint (so memory is bounded by the number of
 * distinct fingerprints, not of errors). The notifier drains it on its tick.
 */
public final class ErrorJournal {
  private static final int SAMPLES = 5;

  /** What was recorded for one fingerprint since the last drain. */
  public record Tally(Fingerprint fingerprint, Instant first, Instant last, long count, List<String> samples, String message) {}

  private final Clock clock;
  private final Map<Fingerprint, Tally> pending = new ConcurrentHashMap<>();

  public ErrorJournal(Clock clock) {
    this.clock = clock;
  }

  /**
   * @param kind what kind of trouble
   * @param source the source's name, or null
   * @param rawPath the file's path below the source, or null
   * @param rawMessage what happened and the fix (no secrets)
   */
  public void record(FailureKind kind, String source, String rawPath, String rawMessage) {
    // a name with a newline or an ESC sequence is kept escaped: one sample stays one line everywhere
    // it is shown (digest, page, status) and never drives a terminal
    String path = rawPath == null ? null : dev.keepsake.source.SourcePaths.printable(rawPath);
    String message = rawMessage == null ? null : dev.keepsake.source.SourcePaths.printable(rawMessage);
    Instant now = clock.instant();
    Fingerprint fp = Fingerprint.of(kind.id(), source, rawPath); // escapes its pattern itself, as every reader of it does
    pending.merge(fp, new Tally(fp, now, now, 1, path == null ? List.of() : List.of(path), message),
        (a, b) -> new Tally(fp, a.first(), b.last(), a.count() + 1, merged(a.samples(), b.samples()), b.message()));
  }

  private static List<String> merged(List<String> a, List<String> b) {
    if (a.size() >= SAMPLES) {
      return a;
    }
    List<String> out = new ArrayList<>(a);
    for (String s : b) {
      if (out.size() < SAMPLES && !out.contains(s)) {
        out.add(s);
      }
    }
    return List.copyOf(out);
  }

  /** Takes everything recorded since the last drain. */
  List<Tally> drain() {
    List<Tally> out = new ArrayList<>();
    for (Fingerprint fp : List.copyOf(pending.keySet())) {
      Tally t = pending.remove(fp);
      if (t != null) {
        out.add(t);
      }
    }
    return out;
  }
}
