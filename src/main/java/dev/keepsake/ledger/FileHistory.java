package dev.keepsake.ledger;

import dev.keepsake.archive.ContentHash;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every step of a file's life the ledger holds, found by a source path ({@code DCIM/IMG_1.jpg} or
 * {@code pixel:DCIM/IMG_1.jpg}), an archive path ({@code 2023/09/IMG_1.jpg}) or a bare file name
 * ({@code IMG_1.jpg}, matching the last part of any path). Read-only; at most {@code limit} files
 * per question, so an answer never grows with the archive.
 */
public final class FileHistory {
  /** One source path of a content: where it was seen, what became of it, when it left the source. */
  public record SourceRow(String source, String path, FileState state, Instant firstSeen, Instant updatedAt,
      Instant removedAt) {}

  /** A failure of a source path, or a retry's result ({@code outcome}: failed, archived, gone, …). */
  public record Attempt(String source, String path, String kind, String outcome, Instant at) {}

  /** A retry still due: {@code failures} so far, the next try at {@code nextAt}. */
  public record Pending(String source, String path, String kind, String message, int failures, Instant nextAt) {}

  /** The owner removed it from the archive on purpose ({@code keepsake forget}). */
  public record Forgotten(String archivePath, Instant at) {}

  /**
   * One file's history: its archived content (null when it never reached the archive), what the
   * ledger noted of it, every source path with the same content (the first is the one archived,
   * the others duplicates of it), failures and retries.
   */
  public record Entry(ArchivedContent content, ContentNote note, Forgotten forgotten, List<SourceRow> sources,
      List<Attempt> attempts, List<Pending> pending) {}

  private final Ledger ledger;

  public FileHistory(Ledger ledger) {
    this.ledger = ledger;
  }

  /** The files {@code question} names, up to {@code limit}, archived ones first. */
  public List<Entry> find(String question, int limit) {
    // a name typed on a Mac (decomposed) finds the one a phone wrote (composed), and the other way round
    String nfc = java.text.Normalizer.normalize(question, java.text.Normalizer.Form.NFC);
    String nfd = java.text.Normalizer.normalize(question, java.text.Normalizer.Form.NFD);
    List<Entry> out = new ArrayList<>(findAsWritten(nfc, limit));
    if (out.isEmpty() && !nfd.equals(nfc)) {
      out.addAll(findAsWritten(nfd, limit));
    }
    if (out.isEmpty() && !question.equals(nfc) && !question.equals(nfd)) {
      out.addAll(findAsWritten(question, limit));
    }
    return out;
  }

  private List<Entry> findAsWritten(String question, int limit) {
    String q = question.strip();
    while (q.startsWith("/")) {
      q = q.substring(1);
    }
    String asked = q;
    return ledger.read("find " + asked, db -> {
      Set<String> hashes = new LinkedHashSet<>();
      Map<String, SourceRow> unarchived = new LinkedHashMap<>();
      String source = null;
      String path = asked;
      int colon = asked.indexOf(':');
      if (colon > 0 && knownSource(db, asked.substring(0, colon))) {
        source = asked.substring(0, colon);
        path = asked.substring(colon + 1);
      }
      if (source == null) {
        collect(db, "SELECT hash FROM contents WHERE " + matches("archive_path") + " ORDER BY archive_path LIMIT ?",
            new Object[] {path, path, path, path, limit}, rs -> hashes.add(rs.getString(1)));
      }
      collect(db, "SELECT hash, source, path, state, first_seen, updated_at, removed_at FROM source_files WHERE "
              + (source == null ? "" : "source = ? AND ") + matches("path") + " ORDER BY source, path LIMIT ?",
          source == null ? new Object[] {path, path, path, path, limit} : new Object[] {source, path, path, path, path, limit}, rs -> {
            if (rs.getString(1) != null) {
              hashes.add(rs.getString(1));
            } else {
              SourceRow row = sourceRow(rs, 2);
              unarchived.put(row.source() + ":" + row.path(), row);
            }
          });
      // a failed file has no row of its own until it is archived: its retries name it
      collect(db, "SELECT source, path FROM retries WHERE " + (source == null ? "" : "source = ? AND ") + matches("path")
              + " LIMIT ?", source == null ? new Object[] {path, path, path, path, limit} : new Object[] {source, path, path, path, path, limit},
          rs -> unarchived.putIfAbsent(rs.getString(1) + ":" + rs.getString(2),
              new SourceRow(rs.getString(1), rs.getString(2), null, null, null, null)));
      // a file that failed and then left the source unarchived is only in the retry log now: its history stays
      collect(db, "SELECT DISTINCT source, path FROM retry_log WHERE " + (source == null ? "" : "source = ? AND ")
              + matches("path") + " LIMIT ?",
          source == null ? new Object[] {path, path, path, path, limit} : new Object[] {source, path, path, path, path, limit},
          rs -> unarchived.putIfAbsent(rs.getString(1) + ":" + rs.getString(2),
              new SourceRow(rs.getString(1), rs.getString(2), null, null, null, null)));
      List<Entry> out = new ArrayList<>();
      for (String hash : hashes) {
        if (out.size() >= limit) {
          break;
        }
        out.add(entry(db, hash));
      }
      for (SourceRow row : unarchived.values()) {
        if (out.size() >= limit) {
          break;
        }
        if (row.state() == null || row.state() == FileState.SKIPPED || hashes.isEmpty()) {
          List<SourceRow> one = row.state() == null ? List.of() : List.of(row);
          out.add(new Entry(null, null, null, one, attempts(db, List.of(row)), pending(db, List.of(row))));
        }
      }
      return out;
    });
  }

  /** {@code column} is the path, or ends with {@code /path}: no LIKE, so {@code %} and {@code _} in a name are themselves. */
  private static String matches(String column) {
    return "(" + column + " = ? OR (length(" + column + ") > length(?) AND substr(" + column + ", -length(?) - 1) = '/' || ?))";
  }

  private Entry entry(Connection db, String hash) throws SQLException {
    ArchivedContent[] content = {null};
    collect(db, "SELECT " + FileStore.CONTENT_COLUMNS + " FROM contents WHERE hash = ?", new Object[] {hash},
        rs -> content[0] = FileStore.readContentAt(rs, 1));
    ContentNote[] note = {null};
    collect(db, "SELECT beaten_dates, rescued_from FROM content_notes WHERE hash = ?", new Object[] {hash},
        rs -> note[0] = new ContentNote(new ContentHash(hash), rs.getString(1), rs.getString(2)));
    Forgotten[] forgotten = {null};
    collect(db, "SELECT archive_path, forgotten_at FROM forgotten WHERE hash = ?", new Object[] {hash},
        rs -> forgotten[0] = new Forgotten(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2))));
    List<SourceRow> sources = new ArrayList<>();
    collect(db, "SELECT hash, source, path, state, first_seen, updated_at, removed_at FROM source_files WHERE hash = ?"
        + " ORDER BY state = 'ARCHIVED' DESC, first_seen LIMIT 50", new Object[] {hash}, rs -> sources.add(sourceRow(rs, 2)));
    return new Entry(content[0], note[0], forgotten[0], sources, attempts(db, sources), pending(db, sources));
  }

  private static List<Attempt> attempts(Connection db, List<SourceRow> rows) throws SQLException {
    List<Attempt> out = new ArrayList<>();
    for (SourceRow row : rows) {
      collect(db, "SELECT source, path, kind, outcome, at FROM retry_log WHERE source = ? AND path = ? ORDER BY at LIMIT 50",
          new Object[] {row.source(), row.path()}, rs -> out.add(new Attempt(rs.getString(1), rs.getString(2), rs.getString(3),
              rs.getString(4), Instant.ofEpochMilli(rs.getLong(5)))));
    }
    return out;
  }

  private static List<Pending> pending(Connection db, List<SourceRow> rows) throws SQLException {
    List<Pending> out = new ArrayList<>();
    for (SourceRow row : rows) {
      collect(db, "SELECT source, path, kind, message, failures, next_at FROM retries WHERE source = ? AND path = ?",
          new Object[] {row.source(), row.path()}, rs -> out.add(new Pending(rs.getString(1), rs.getString(2), rs.getString(3),
              rs.getString(4), rs.getInt(5), Instant.ofEpochMilli(rs.getLong(6)))));
    }
    return out;
  }

  private static boolean knownSource(Connection db, String name) throws SQLException {
    boolean[] known = {false};
    collect(db, "SELECT 1 FROM source_files WHERE source = ? LIMIT 1", new Object[] {name}, rs -> known[0] = true);
    return known[0];
  }

  private static SourceRow sourceRow(ResultSet rs, int c) throws SQLException {
    long removed = rs.getLong(c + 5);
    boolean wasRemoved = !rs.wasNull();
    return new SourceRow(rs.getString(c), rs.getString(c + 1), FileState.valueOf(rs.getString(c + 2)),
        Instant.ofEpochMilli(rs.getLong(c + 3)), Instant.ofEpochMilli(rs.getLong(c + 4)),
        wasRemoved ? Instant.ofEpochMilli(removed) : null);
  }

  private interface Row {
    void take(ResultSet rs) throws SQLException;
  }

  private static void collect(Connection db, String sql, Object[] args, Row row) throws SQLException {
    try (PreparedStatement ps = db.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          row.take(rs);
        }
      }
    }
  }
}
