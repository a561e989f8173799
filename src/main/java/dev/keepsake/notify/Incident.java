package dev.keepsake.notify;

import dev.keepsake.ledger.IncidentRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One fingerprint's trouble as the ledger keeps it between restarts.
 *
 * @param announced whether a sent digest has told the owner it is open
 * @param count errors since it was first seen
 * @param samples up to five paths
 * @param clearedAt when its trouble was last found gone (its files archived, its condition clear),
 *     or null while it lasts; recurring clears it again
 */
public record Incident(
    Fingerprint fingerprint, Instant firstSeen, Instant lastSeen, long count, List<String> samples, String message,
    boolean announced, Instant clearedAt) {

  public Incident(Fingerprint fingerprint, Instant firstSeen, Instant lastSeen, long count, List<String> samples,
      String message, boolean announced) {
    this(fingerprint, firstSeen, lastSeen, count, samples, message, announced, null);
  }

  /** What sort of trouble it is, and so what ends it. */
  public IncidentKind sort() {
    return IncidentKind.of(fingerprint);
  }

  Incident absorb(ErrorJournal.Tally t) {
    List<String> more = new ArrayList<>(samples);
    for (String s : t.samples()) {
      if (more.size() < 5 && !more.contains(s)) {
        more.add(s);
      }
    }
    return new Incident(fingerprint, firstSeen, t.last(), count + t.count(), List.copyOf(more), t.message(), announced, null);
  }

  Incident cleared(Instant now) {
    return clearedAt != null ? this : new Incident(fingerprint, firstSeen, lastSeen, count, samples, message, announced, now);
  }

  Incident reopened() {
    return clearedAt == null ? this : new Incident(fingerprint, firstSeen, lastSeen, count, samples, message, announced, null);
  }

  IncidentRow toRow() {
    return new IncidentRow(fingerprint.key(), firstSeen, lastSeen, count, samples, message, announced, clearedAt);
  }

  static Incident fromRow(IncidentRow row) {
    return new Incident(Fingerprint.fromKey(row.fingerprint()), row.firstSeen(), row.lastSeen(), row.count(),
        row.samples(), row.message(), row.announced(), row.clearedAt());
  }

  static Incident first(ErrorJournal.Tally t) {
    return new Incident(t.fingerprint(), t.first(), t.last(), t.count(), t.samples(), t.message(), false, null);
  }
}
