package dev.keepsake.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One fingerprint's trouble as the ledger keeps it between restarts.
 *
 * @param announced whether a sent digest has told the owner it is open
 * @param count errors since it was first seen
 * @param samples up to five paths
 */
public record Incident(
    Fingerprint fingerprint, Instant firstSeen, Instant lastSeen, long count, List<String> samples, String message,
    boolean announced) {

  /** Not seen again for {@code resolveAfter}: considered resolved. */
  public boolean isResolved(Instant now, Duration resolveAfter) {
    return !lastSeen.plus(resolveAfter).isAfter(now);
  }

  Incident absorb(ErrorJournal.Tally t) {
    List<String> more = new java.util.ArrayList<>(samples);
    for (String s : t.samples()) {
      if (more.size() < 5 && !more.contains(s)) {
        more.add(s);
      }
    }
    return new Incident(fingerprint, firstSeen, t.last(), count + t.count(), List.copyOf(more), t.message(), announced);
  }

  dev.keepsake.ledger.IncidentRow toRow() {
    return new dev.keepsake.ledger.IncidentRow(fingerprint.key(), firstSeen, lastSeen, count, samples, message, announced);
  }

  static Incident fromRow(dev.keepsake.ledger.IncidentRow row) {
    return new Incident(Fingerprint.fromKey(row.fingerprint()), row.firstSeen(), row.lastSeen(), row.count(),
        row.samples(), row.message(), row.announced());
  }

  static Incident first(ErrorJournal.Tally t) {
    return new Incident(t.fingerprint(), t.first(), t.last(), t.count(), t.samples(), t.message(), false);
  }
}
