package dev.keepsake.ledger;

import dev.keepsake.media.DateOrigin;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
      long deletedButKept, long weakDated, List<String> weakSamples, Instant lastIngest, long sidecarDated) {}

  /** An error of the week: its fingerprint, how often, and whether it is still open. */
  /** @param closedAs how a closed one ended: {@code resolved}, {@code lost}, {@code notice}, … (null while open) */
  public record ErrorLine(String fingerprint, long count, String message, boolean open, String closedAs) {
    public ErrorLine(String fingerprint, long count, String message, boolean open) {
      this(fingerprint, count, message, open, open ? null : "resolved");
    }
  }

  private final Ledger ledger;

  public ReportQueries(Ledger ledger) {
    this.ledger = ledger;
  }

  public List<String> sources() {
    return ledger.read("list sources", db -> {
      List<String> out = new ArrayList<>();
      try (ResultSet rs = db.createStatement().executeQuery(
          "SELECT DISTINCT source FROM source_files UNION SELECT DISTINCT source FROM contents WHERE source <> '"
              + FileStore.REBUILT + "' ORDER BY 1")) { // rows rebuilt from the archive are not arrivals
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
      return out;
    });
  }

  public SourceWeek week(String source, Instant since, Instant until) {
    Object[] window = {source, since.toEpochMilli(), until.toEpochMilli()};
    // forgotten files are gone on purpose: nothing to check
    String weakRule = " AND capture_origin IN ('" + String.join("', '", DateOrigin.weakLabels())
        + "') AND hash NOT IN (SELECT hash FROM forgotten)";
    return ledger.read("report on " + source, db -> {
      Map<String, long[]> byType = new TreeMap<>();
      rows(db, "SELECT media_type, COUNT(*), SUM(bytes) FROM contents WHERE " + INGESTED_IN_WINDOW + " GROUP BY media_type",
          window, rs -> byType.put(rs.getString(1).toLowerCase(), new long[] {rs.getLong(2), rs.getLong(3)}));
      Map<String, Long> byMonth = new TreeMap<>();
      rows(db, "SELECT substr(capture_local, 1, 7), COUNT(*) FROM contents WHERE " + INGESTED_IN_WINDOW + " GROUP BY 1",
          window, rs -> byMonth.put(rs.getString(1), rs.getLong(2)));
      long[] duplicates = new long[2];
      rows(db, "SELECT COUNT(*), COALESCE(SUM(c.bytes), 0) FROM source_files f JOIN contents c ON c.hash = f.hash"
          + " WHERE f.source = ? AND f.updated_at >= ? AND f.updated_at < ? AND f.state = 'DUPLICATE'",
          window, rs -> {
            duplicates[0] = rs.getLong(1);
            duplicates[1] = rs.getLong(2);
          });
      long[] kept = new long[1];
      rows(db, "SELECT COUNT(*) FROM source_files WHERE source = ? AND removed_at >= ? AND removed_at < ?"
          + " AND state IN ('ARCHIVED', 'DUPLICATE')", window, rs -> kept[0] = rs.getLong(1));
      long[] weakCount = new long[1];
      rows(db, "SELECT COUNT(*) FROM contents WHERE " + INGESTED_IN_WINDOW + weakRule, window, rs -> weakCount[0] = rs.getLong(1));
      List<String> weak = new ArrayList<>();
      rows(db, "SELECT archive_path, capture_origin FROM contents WHERE " + INGESTED_IN_WINDOW + weakRule
          + " ORDER BY " + WEAKEST_FIRST + ", archive_path LIMIT 20", window, // the likeliest wrong come first
          rs -> weak.add(rs.getString(1) + ": by " + DateOrigin.fromLabel(rs.getString(2)).describe()));
      long[] sidecar = new long[1];
      rows(db, "SELECT COUNT(*) FROM contents WHERE " + INGESTED_IN_WINDOW + " AND capture_origin = '"
          + DateOrigin.TAKEOUT_SIDECAR.label() + "'", window, rs -> sidecar[0] = rs.getLong(1));
      long[] last = new long[1];
      rows(db, "SELECT COALESCE(MAX(ingested_at), 0) FROM contents WHERE source = ?", new Object[] {source},
          rs -> last[0] = rs.getLong(1));
      return new SourceWeek(source, byType, byMonth, duplicates[0], duplicates[1], kept[0], weakCount[0], weak,
          last[0] == 0 ? null : Instant.ofEpochMilli(last[0]), sidecar[0]);
    });
  }

  /** Ingest time, then file time, then the movie's user-data day, then the name: least to most telling. */
  private static final String WEAKEST_FIRST = "CASE capture_origin WHEN '" + DateOrigin.INGEST_TIME.label() + "' THEN 0 WHEN '"
      + DateOrigin.MTIME.label() + "' THEN 1 WHEN '" + DateOrigin.QUICKTIME_DAY.label() + "' THEN 2 ELSE 3 END";

  private static final String INGESTED_IN_WINDOW = "source = ? AND ingested_at >= ? AND ingested_at < ?";

  private interface Row {
    void read(ResultSet rs) throws SQLException;
  }

  /** Runs {@code sql} with {@code params} bound in order and hands each row to {@code row}. */
  private static void rows(Connection db, String sql, Object[] params, Row row) throws SQLException {
    try (PreparedStatement ps = db.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          row.read(rs);
        }
      }
    }
  }

  /** Files archived per local day in the window (every day present, zero when none). */
  public Map<LocalDate, Long> filesPerDay(Instant since, Instant until, ZoneId zone) {
    Map<LocalDate, Long> days = new TreeMap<>();
    for (LocalDate d = LocalDate.ofInstant(since, zone); d.isBefore(LocalDate.ofInstant(until, zone)); d = d.plusDays(1)) {
      days.put(d, 0L);
    }
    ledger.read("files per day", db -> {
      rows(db, "SELECT ingested_at FROM contents WHERE ingested_at >= ? AND ingested_at < ? AND source <> '" + FileStore.REBUILT + "'",
          new Object[] {since.toEpochMilli(), until.toEpochMilli()},
          rs -> days.merge(LocalDate.ofInstant(Instant.ofEpochMilli(rs.getLong(1)), zone), 1L, Long::sum));
      return null;
    });
    return days;
  }

  /** Errors closed in the window and those still open. */
  public List<ErrorLine> errors(Instant since, Instant until) {
    return ledger.read("errors of the week", db -> {
      List<ErrorLine> out = new ArrayList<>();
      rows(db, "SELECT fingerprint, count, message, closed_as FROM incident_log WHERE last_seen >= ? AND first_seen < ?"
              + " ORDER BY first_seen", new Object[] {since.toEpochMilli(), until.toEpochMilli()},
          rs -> out.add(new ErrorLine(rs.getString(1), rs.getLong(2), rs.getString(3), false,
              rs.getString(4).toLowerCase(java.util.Locale.ROOT))));
      rows(db, "SELECT fingerprint, count, message FROM incidents ORDER BY first_seen", new Object[0],
          rs -> out.add(new ErrorLine(rs.getString(1), rs.getLong(2), rs.getString(3), true)));
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
}
