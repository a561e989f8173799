package dev.keepsake.ledger;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The numbers of the weekly ingest report, read from the ledger for a time window. */
public final class ReportQueries {
  /** One source's week. */
  public record SourceWeek(
      String source, Map<String, long[]> byType, Map<String, Long> byCaptureMonth, long duplicates, long bytesSaved,
      long deletedButKept, long weakDated, List<String> weakSamples, Instant lastIngest) {}

  /** An error of the week: its fingerprint, how often, and whether it is still open. */
  public record ErrorLine(String fingerprint, long count, String message, boolean open) {}

  private final Ledger ledger;

  public ReportQueries(Ledger ledger) {
    this.ledger = ledger;
  }

  public List<String> sources() {
    return ledger.read("list sources", db -> {
      List<String> out = new ArrayList<>();
      try (ResultSet rs = db.createStatement().executeQuery(
          "SELECT DISTINCT source FROM source_files UNION SELECT DISTINCT source FROM contents ORDER BY 1")) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
      return out;
    });
  }

  public SourceWeek week(String source, Instant since, Instant until) {
    long from = since.toEpochMilli();
    long to = until.toEpochMilli();
    return ledger.read("report on " + source, db -> {
      Map<String, long[]> byType = new TreeMap<>();
      try (PreparedStatement ps = db.prepareStatement("SELECT media_type, COUNT(*), SUM(bytes) FROM contents"
          + " WHERE source = ? AND ingested_at >= ? AND ingested_at < ? GROUP BY media_type")) {
        ps.setString(1, source);
        ps.setLong(2, from);
        ps.setLong(3, to);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            byType.put(rs.getString(1).toLowerCase(), new long[] {rs.getLong(2), rs.getLong(3)});
          }
        }
      }
      Map<String, Long> byMonth = new TreeMap<>();
      try (PreparedStatement ps = db.prepareStatement("SELECT substr(capture_local, 1, 7), COUNT(*) FROM contents"
          + " WHERE source = ? AND ingested_at >= ? AND ingested_at < ? GROUP BY 1")) {
        ps.setString(1, source);
        ps.setLong(2, from);
        ps.setLong(3, to);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            byMonth.put(rs.getString(1), rs.getLong(2));
          }
        }
      }
      long duplicates = 0;
      long saved = 0;
      try (PreparedStatement ps = db.prepareStatement("SELECT COUNT(*), COALESCE(SUM(c.bytes), 0) FROM source_files f"
          + " JOIN contents c ON c.hash = f.hash WHERE f.source = ? AND f.state = 'DUPLICATE' AND f.updated_at >= ? AND f.updated_at < ?")) {
        ps.setString(1, source);
        ps.setLong(2, from);
        ps.setLong(3, to);
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            duplicates = rs.getLong(1);
            saved = rs.getLong(2);
          }
        }
      }
      long kept = count(db, "SELECT COUNT(*) FROM source_files WHERE source = ? AND removed_at >= ? AND removed_at < ?"
          + " AND state IN ('ARCHIVED', 'DUPLICATE')", source, from, to);
      List<String> weak = new ArrayList<>();
      long weakCount = count(db, "SELECT COUNT(*) FROM contents WHERE source = ? AND ingested_at >= ? AND ingested_at < ?"
          + " AND capture_origin IN ('filename', 'mtime', 'ingest-time')", source, from, to);
      try (PreparedStatement ps = db.prepareStatement("SELECT archive_path, capture_origin FROM contents WHERE source = ?"
          + " AND ingested_at >= ? AND ingested_at < ? AND capture_origin IN ('filename', 'mtime', 'ingest-time')"
          + " ORDER BY archive_path LIMIT 20")) {
        ps.setString(1, source);
        ps.setLong(2, from);
        ps.setLong(3, to);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            weak.add(rs.getString(1) + " (" + rs.getString(2) + ")");
          }
        }
      }
      long last = count(db, "SELECT COALESCE(MAX(ingested_at), 0) FROM contents WHERE source = ? AND ? >= 0 AND ? >= 0", source, 0, 0);
      return new SourceWeek(source, byType, byMonth, duplicates, saved, kept, weakCount, weak,
          last == 0 ? null : Instant.ofEpochMilli(last));
    });
  }

  /** Files archived per local day in the window (every day present, zero when none). */
  public Map<LocalDate, Long> filesPerDay(Instant since, Instant until, ZoneId zone) {
    Map<LocalDate, Long> days = new TreeMap<>();
    for (LocalDate d = LocalDate.ofInstant(since, zone); d.isBefore(LocalDate.ofInstant(until, zone)); d = d.plusDays(1)) {
      days.put(d, 0L);
    }
    ledger.read("files per day", db -> {
      try (PreparedStatement ps = db.prepareStatement("SELECT ingested_at FROM contents WHERE ingested_at >= ? AND ingested_at < ?")) {
        ps.setLong(1, since.toEpochMilli());
        ps.setLong(2, until.toEpochMilli());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            days.merge(LocalDate.ofInstant(Instant.ofEpochMilli(rs.getLong(1)), zone), 1L, Long::sum);
          }
        }
      }
      return null;
    });
    return days;
  }

  /** Errors closed in the window and those still open. */
  public List<ErrorLine> errors(Instant since, Instant until) {
    return ledger.read("errors of the week", db -> {
      List<ErrorLine> out = new ArrayList<>();
      try (PreparedStatement ps = db.prepareStatement("SELECT fingerprint, count, message FROM incident_log"
          + " WHERE last_seen >= ? AND first_seen < ? ORDER BY first_seen")) {
        ps.setLong(1, since.toEpochMilli());
        ps.setLong(2, until.toEpochMilli());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new ErrorLine(rs.getString(1), rs.getLong(2), rs.getString(3), false));
          }
        }
      }
      try (ResultSet rs = db.createStatement().executeQuery("SELECT fingerprint, count, message FROM incidents ORDER BY first_seen")) {
        while (rs.next()) {
          out.add(new ErrorLine(rs.getString(1), rs.getLong(2), rs.getString(3), true));
        }
      }
      return out;
    });
  }

  /** Files and bytes in the archive. */
  public long[] archiveTotals() {
    return ledger.read("archive totals", db -> {
      try (ResultSet rs = db.createStatement().executeQuery("SELECT COUNT(*), COALESCE(SUM(bytes), 0) FROM contents")) {
        rs.next();
        return new long[] {rs.getLong(1), rs.getLong(2)};
      }
    });
  }

  private static long count(java.sql.Connection db, String sql, String source, long a, long b) throws java.sql.SQLException {
    try (PreparedStatement ps = db.prepareStatement(sql)) {
      ps.setString(1, source);
      ps.setLong(2, a);
      ps.setLong(3, b);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }
  }
}
