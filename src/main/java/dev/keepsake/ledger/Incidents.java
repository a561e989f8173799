package dev.keepsake.ledger;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The notifier's record of incidents: those still on record (open, or resolved but not yet said),
 * the log of how each ended, and when the last digest went out.
 */
public final class Incidents {
  private final Ledger ledger;
  private final Clock clock;
  private final Marks marks;

  Incidents(Ledger ledger, Clock clock, Marks marks) {
    this.ledger = ledger;
    this.clock = clock;
    this.marks = marks;
  }

  /** Every incident still on record (open, or resolved but not yet announced as resolved). */
  public List<IncidentRow> all() {
    return ledger.read("read incidents", db -> {
      List<IncidentRow> out = new ArrayList<>();
      try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(
          "SELECT fingerprint, first_seen, last_seen, count, samples, message, announced, cleared_at FROM incidents")) {
        while (rs.next()) {
          String samples = rs.getString(5);
          long cleared = rs.getLong(8);
          Instant clearedAt = rs.wasNull() ? null : Instant.ofEpochMilli(cleared);
          out.add(new IncidentRow(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)),
              Instant.ofEpochMilli(rs.getLong(3)), rs.getLong(4),
              samples.isEmpty() ? List.of() : List.of(samples.split("\n")), rs.getString(6), rs.getInt(7) != 0, clearedAt));
        }
      }
      return out;
    });
  }

  /** Writes these incidents (insert or replace), all in one transaction. */
  public void save(Collection<IncidentRow> incidents) {
    ledger.write("save incidents", db -> {
      try (PreparedStatement ps = db.prepareStatement(
          "INSERT OR REPLACE INTO incidents (fingerprint, first_seen, last_seen, count, samples, message, announced,"
              + " cleared_at) VALUES (?,?,?,?,?,?,?,?)")) {
        for (IncidentRow i : incidents) {
          ps.setString(1, i.fingerprint());
          ps.setLong(2, i.firstSeen().toEpochMilli());
          ps.setLong(3, i.lastSeen().toEpochMilli());
          ps.setLong(4, i.count());
          ps.setString(5, String.join("\n", i.samples()));
          ps.setString(6, i.message());
          ps.setInt(7, i.announced() ? 1 : 0);
          if (i.clearedAt() == null) {
            ps.setNull(8, java.sql.Types.INTEGER);
          } else {
            ps.setLong(8, i.clearedAt().toEpochMilli());
          }
          ps.addBatch();
        }
        ps.executeBatch();
      }
    });
  }

  /** How an incident ended, as the incident log keeps it (the weekly report reads it). */
  public enum Closed { RESOLVED, LOST, NOTICE, CLEARED_UNANNOUNCED }

  /**
   * After a digest went out ({@code when} not null): the open incidents are announced, the closed
   * ones move to the incident log with how they ended, and the time is kept. With {@code when} null,
   * incidents close without a digest (cleared before anyone was told).
   */
  public void digestSent(Collection<IncidentRow> announced, Map<IncidentRow, Closed> closed, Instant when) {
    digestSent(announced, closed, when, java.util.List.of());
  }

  /**
   * As {@link #digestSent(Collection, Map, Instant)}, and in the same transaction the digest's
   * messages are queued for the channels that still have to deliver them ({@link Outgoing}).
   */
  public void digestSent(Collection<IncidentRow> announced, Map<IncidentRow, Closed> closed, Instant when,
      java.util.List<Outgoing.Message> queued) {
    ledger.write("record a sent digest", db -> {
      if (!queued.isEmpty()) {
        Outgoing.queue(db, queued, clock);
      }
      try (PreparedStatement up = db.prepareStatement("UPDATE incidents SET announced = 1 WHERE fingerprint = ?");
          PreparedStatement log = db.prepareStatement("INSERT INTO incident_log (fingerprint, first_seen, last_seen, count,"
              + " message, closed_at, closed_as) VALUES (?,?,?,?,?,?,?)");
          PreparedStatement del = db.prepareStatement("DELETE FROM incidents WHERE fingerprint = ?")) {
        for (IncidentRow i : announced) {
          up.setString(1, i.fingerprint());
          up.executeUpdate();
        }
        long at = (when == null ? clock.instant() : when).toEpochMilli();
        for (Map.Entry<IncidentRow, Closed> e : closed.entrySet()) {
          IncidentRow i = e.getKey();
          log.setString(1, i.fingerprint());
          log.setLong(2, i.firstSeen().toEpochMilli());
          log.setLong(3, i.lastSeen().toEpochMilli());
          log.setLong(4, i.count());
          log.setString(5, i.message());
          log.setLong(6, at);
          log.setString(7, e.getValue().name().toLowerCase(java.util.Locale.ROOT));
          log.executeUpdate();
          del.setString(1, i.fingerprint());
          del.executeUpdate();
        }
      }
      if (when != null) {
        Marks.put(db, "digest.last-sent", String.valueOf(when.toEpochMilli()));
      }
    });
  }

  /** When the last digest went out, or null. */
  public Instant lastDigestSent() {
    String v = marks.get("digest.last-sent");
    return v == null ? null : Instant.ofEpochMilli(Long.parseLong(v));
  }
}
