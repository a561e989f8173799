package dev.keepsake.ledger;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Files that failed and wait to be tried again, kept in the ledger so a restart neither forgets nor
 * resets them: per (source, path) the failure kind and message, how many times it failed, since when,
 * and when it is due next. A file leaves the schedule when it is archived (or otherwise settled) or
 * when it left the source unarchived (a loss); either is written to a log the notifier reads.
 */
public final class RetrySchedule {
  /** One waiting file. */
  public record Entry(String source, String path, String kind, String message, int failures, Instant firstFailed,
      Instant lastFailed, Instant nextAt) {}

  /** How a file left the schedule. */
  public enum Outcome { ARCHIVED, LOST, SETTLED }

  /** One file that left the schedule. */
  public record Settled(String source, String path, String kind, Outcome outcome, Instant at) {}

  /** A source's waiting files in short. */
  public record Summary(long count, Instant oldest, Instant nextAt, String kind, String message) {}

  private final Ledger ledger;
  private final Clock clock;

  RetrySchedule(Ledger ledger, Clock clock) {
    this.ledger = ledger;
    this.clock = clock;
  }

  /**
   * Records one more failure of {@code path} and when to try it next.
   *
   * @param delay the wait after the n-th failure in a row (1-based)
   */
  public void failed(String source, String path, String kind, String message, IntFunction<Duration> delay) {
    long now = clock.millis();
    ledger.write("schedule a retry of " + source + ":" + path, db -> {
      int failures = 1;
      try (PreparedStatement ps = db.prepareStatement("SELECT failures FROM retries WHERE source = ? AND path = ?")) {
        ps.setString(1, source);
        ps.setString(2, path);
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            failures = rs.getInt(1) + 1;
          }
        }
      }
      try (PreparedStatement ps = db.prepareStatement(
          "INSERT INTO retries (source, path, kind, message, failures, first_failed, last_failed, next_at)"
              + " VALUES (?,?,?,?,?,?,?,?) ON CONFLICT (source, path) DO UPDATE SET kind = excluded.kind,"
              + " message = excluded.message, failures = excluded.failures, last_failed = excluded.last_failed,"
              + " next_at = excluded.next_at")) {
        ps.setString(1, source);
        ps.setString(2, path);
        ps.setString(3, kind);
        ps.setString(4, message);
        ps.setInt(5, failures);
        ps.setLong(6, now);
        ps.setLong(7, now);
        ps.setLong(8, now + delay.apply(failures).toMillis());
        ps.executeUpdate();
      }
    });
  }

  /** Whether any file of {@code source} is waiting (a pass asks once, not per file). */
  public boolean any(String source) {
    return ledger.read("look for retries of " + source, db -> {
      try (PreparedStatement ps = db.prepareStatement("SELECT 1 FROM retries WHERE source = ? LIMIT 1")) {
        ps.setString(1, source);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next();
        }
      }
    });
  }

  /** Takes {@code path} off the schedule, logging how it left; returns whether it was on it. */
  public boolean settle(String source, String path, Outcome outcome) {
    boolean[] was = {false};
    long now = clock.millis();
    ledger.write("settle the retry of " + source + ":" + path, db -> {
      String kind = null;
      try (PreparedStatement ps = db.prepareStatement("SELECT kind FROM retries WHERE source = ? AND path = ?")) {
        ps.setString(1, source);
        ps.setString(2, path);
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            kind = rs.getString(1);
          }
        }
      }
      if (kind == null) {
        return;
      }
      was[0] = true;
      try (PreparedStatement del = db.prepareStatement("DELETE FROM retries WHERE source = ? AND path = ?");
          PreparedStatement log = db.prepareStatement(
              "INSERT INTO retry_log (source, path, kind, outcome, at) VALUES (?,?,?,?,?)")) {
        del.setString(1, source);
        del.setString(2, path);
        del.executeUpdate();
        log.setString(1, source);
        log.setString(2, path);
        log.setString(3, kind);
        log.setString(4, outcome.name());
        log.setLong(5, now);
        log.executeUpdate();
      }
    });
    return was[0];
  }

  /** Files due at {@code now}, soonest first, at most {@code limit}. */
  public List<Entry> due(Instant now, int limit) {
    return select("SELECT " + COLUMNS + " FROM retries WHERE next_at <= ? ORDER BY next_at LIMIT ?", now.toEpochMilli(),
        limit);
  }

  /** The waiting files of one kind in one source (a digest line's files), at most {@code limit}. */
  public List<Entry> waiting(String kind, String source, int limit) {
    return ledger.read("list retries", db -> {
      List<Entry> out = new ArrayList<>();
      try (PreparedStatement ps = db.prepareStatement("SELECT " + COLUMNS + " FROM retries WHERE kind = ? AND source = ? LIMIT ?")) {
        ps.setString(1, kind);
        ps.setString(2, source);
        ps.setInt(3, limit);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(entry(rs));
          }
        }
      }
      return out;
    });
  }

  /** The waiting files of {@code source}, at most {@code limit}. */
  public List<Entry> ofSource(String source, int limit) {
    return ledger.read("list retries of " + source, db -> {
      List<Entry> out = new ArrayList<>();
      try (PreparedStatement ps = db.prepareStatement("SELECT " + COLUMNS + " FROM retries WHERE source = ? LIMIT ?")) {
        ps.setString(1, source);
        ps.setInt(2, limit);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(entry(rs));
          }
        }
      }
      return out;
    });
  }

  /** In short: how many of {@code source}'s files wait, since when, next when, and the commonest trouble. */
  public Summary summary(String source) {
    return ledger.read("sum up retries of " + source, db -> {
      try (PreparedStatement ps = db.prepareStatement(
          "SELECT COUNT(*), MIN(first_failed), MIN(next_at) FROM retries WHERE source = ?")) {
        ps.setString(1, source);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          long count = rs.getLong(1);
          if (count == 0) {
            return new Summary(0, null, null, null, null);
          }
          Instant oldest = Instant.ofEpochMilli(rs.getLong(2));
          Instant next = Instant.ofEpochMilli(rs.getLong(3));
          try (PreparedStatement k = db.prepareStatement(
              "SELECT kind, message FROM retries WHERE source = ? GROUP BY kind ORDER BY COUNT(*) DESC LIMIT 1")) {
            k.setString(1, source);
            try (ResultSet kr = k.executeQuery()) {
              kr.next();
              return new Summary(count, oldest, next, kr.getString(1), kr.getString(2));
            }
          }
        }
      }
    });
  }

  /** Waiting files that first failed before {@code cutoff} (the stall check), at most {@code limit}. */
  public List<Entry> failingSince(Instant cutoff, int limit) {
    return select("SELECT " + COLUMNS + " FROM retries WHERE first_failed < ? ORDER BY first_failed LIMIT ?",
        cutoff.toEpochMilli(), limit);
  }

  /**
   * Files of {@code source} that left it before they could be archived (a retry found them gone),
   * at or after {@code since}, newest first, at most {@code limit}.
   */
  public List<Settled> losses(String source, Instant since, int limit) {
    return ledger.read("read the losses", db -> {
      List<Settled> out = new ArrayList<>();
      try (PreparedStatement ps = db.prepareStatement("SELECT source, path, kind, outcome, at FROM retry_log"
          + " WHERE source = ? AND outcome = 'LOST' AND at >= ? ORDER BY at DESC LIMIT ?")) {
        ps.setString(1, source);
        ps.setLong(2, since.toEpochMilli());
        ps.setInt(3, limit);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new Settled(rs.getString(1), rs.getString(2), rs.getString(3), Outcome.valueOf(rs.getString(4)),
                Instant.ofEpochMilli(rs.getLong(5))));
          }
        }
      }
      return out;
    });
  }

  /** Files of {@code kind} in {@code source} that left the schedule at or after {@code since}, at most {@code limit}. */
  public List<Settled> settledSince(String kind, String source, Instant since, int limit) {
    return ledger.read("read the retry log", db -> {
      List<Settled> out = new ArrayList<>();
      try (PreparedStatement ps = db.prepareStatement("SELECT source, path, kind, outcome, at FROM retry_log"
          + " WHERE kind = ? AND source = ? AND at >= ? ORDER BY at LIMIT ?")) {
        ps.setString(1, kind);
        ps.setString(2, source);
        ps.setLong(3, since.toEpochMilli());
        ps.setInt(4, limit);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new Settled(rs.getString(1), rs.getString(2), rs.getString(3), Outcome.valueOf(rs.getString(4)),
                Instant.ofEpochMilli(rs.getLong(5))));
          }
        }
      }
      return out;
    });
  }

  /** Forgets log rows older than {@code before} (they were reported). */
  public void pruneLog(Instant before) {
    ledger.write("prune the retry log", db -> {
      try (PreparedStatement ps = db.prepareStatement("DELETE FROM retry_log WHERE at < ?")) {
        ps.setLong(1, before.toEpochMilli());
        ps.executeUpdate();
      }
    });
  }

  private static final String COLUMNS = "source, path, kind, message, failures, first_failed, last_failed, next_at";

  private List<Entry> select(String sql, long a, int limit) {
    return ledger.read("list retries", db -> {
      List<Entry> out = new ArrayList<>();
      try (PreparedStatement ps = db.prepareStatement(sql)) {
        ps.setLong(1, a);
        ps.setInt(2, limit);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(entry(rs));
          }
        }
      }
      return out;
    });
  }

  private static Entry entry(ResultSet rs) throws java.sql.SQLException {
    return new Entry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
        Instant.ofEpochMilli(rs.getLong(6)), Instant.ofEpochMilli(rs.getLong(7)), Instant.ofEpochMilli(rs.getLong(8)));
  }
}
