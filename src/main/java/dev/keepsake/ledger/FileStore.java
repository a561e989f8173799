package dev.keepsake.ledger;

import dev.keepsake.archive.ContentHash;
import dev.keepsake.media.CaptureDate;
import dev.keepsake.media.DateOrigin;
import dev.keepsake.media.LocalZone;
import dev.keepsake.media.MediaType;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The ledger's memory of files: every source path seen (with the stat that lets a pass skip it
 * unchanged, its state and when it left the source) and every archived content (by SHA-256, with
 * its place in the archive and its capture date). Read page by page where a pass or verify goes
 * over everything: memory never grows with the archive.
 */
public final class FileStore {
  private final Ledger ledger;
  private final Clock clock;

  FileStore(Ledger ledger, Clock clock) {
    this.ledger = ledger;
    this.clock = clock;
  }

  static final String CONTENT_COLUMNS = "hash, archive_path, bytes, media_type, capture_local, capture_instant,"
      + " capture_offset, capture_origin, source, source_path, ingested_at, capture_zone, capture_zone_why";

  /**
   * Every path of {@code source} the ledger knows, present or removed, keyed by relative path: all of
   * them in memory, so only for what is known to be small (tests, a look at one source by hand); a
   * pass reads {@link #knownFilesAfter} page by page.
   */
  public Map<String, KnownFile> knownFiles(String source) {
    return ledger.read("read the files of source " + source, db -> {
      Map<String, KnownFile> known = new HashMap<>();
      try (PreparedStatement ps = db.prepareStatement(
          "SELECT path, size, mtime_ns, file_key, hash, state, removed_at FROM source_files WHERE source = ?")) {
        ps.setString(1, source);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            known.put(rs.getString(1), knownFile(rs));
          }
        }
      }
      return known;
    });
  }

  /**
   * A page of the paths of {@code source} the ledger knows, present or removed, in path order (byte
   * order of UTF-8, as {@link dev.keepsake.source.SortedWalk} walks): the first {@code limit} after
   * {@code after} ({@code ""} for the start). A pass reads the ledger page by page, never whole.
   */
  public List<KnownFile> knownFilesAfter(String source, String after, int limit) {
    return ledger.read("read files of source " + source, db -> {
      List<KnownFile> page = new ArrayList<>();
      try (PreparedStatement ps = db.prepareStatement("SELECT path, size, mtime_ns, file_key, hash, state, removed_at"
          + " FROM source_files WHERE source = ? AND path > ? ORDER BY path LIMIT ?")) {
        ps.setString(1, source);
        ps.setString(2, after);
        ps.setInt(3, limit);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            page.add(knownFile(rs));
          }
        }
      }
      return page;
    });
  }

  /** The given paths of {@code source} that the ledger knows (a targeted pass needs no more). */
  public Map<String, KnownFile> knownFiles(String source, Collection<String> paths) {
    return ledger.read("read files of source " + source, db -> {
      Map<String, KnownFile> known = new HashMap<>();
      try (PreparedStatement ps = db.prepareStatement(
          "SELECT path, size, mtime_ns, file_key, hash, state, removed_at FROM source_files WHERE source = ? AND path = ?")) {
        for (String path : paths) {
          ps.setString(1, source);
          ps.setString(2, path);
          try (ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
              known.put(path, knownFile(rs));
            }
          }
        }
      }
      return known;
    });
  }

  private static KnownFile knownFile(ResultSet rs) throws SQLException {
    String hash = rs.getString(5);
    long removed = rs.getLong(7);
    boolean wasRemoved = !rs.wasNull();
    return new KnownFile(rs.getString(1), rs.getLong(2), FileTime.from(rs.getLong(3), TimeUnit.NANOSECONDS),
        rs.getString(4), hash == null ? null : new ContentHash(hash), FileState.valueOf(rs.getString(6)),
        wasRemoved ? Instant.ofEpochMilli(removed) : null);
  }

  public Optional<ArchivedContent> content(ContentHash hash) {
    return ledger.read("look up a content", db -> {
      if (contentByHash == null || contentByHash.isClosed()) {
        contentByHash = db.prepareStatement("SELECT " + CONTENT_COLUMNS + " FROM contents WHERE hash = ?");
      }
      contentByHash.setString(1, hash.hex());
      try (ResultSet rs = contentByHash.executeQuery()) { // closing it resets the statement: no snapshot is held
        return rs.next() ? Optional.of(readContent(rs)) : Optional.empty();
      }
    });
  }

  /** Asked once for every new file: prepared once (under the ledger's lock, like every use of it). */
  private PreparedStatement contentByHash;

  /** Binds the 13 {@link #CONTENT_COLUMNS} of {@code content}, in order. */
  private static void bindContent(PreparedStatement ps, ArchivedContent content) throws SQLException {
    CaptureDate date = content.date();
    ps.setString(1, content.hash().hex());
    ps.setString(2, content.archivePath());
    ps.setLong(3, content.bytes());
    ps.setString(4, content.type().name());
    ps.setString(5, date.local().toString());
    ps.setLong(6, date.instant().toEpochMilli());
    ps.setString(7, date.offset() == null ? null : date.offset().getId());
    ps.setString(8, date.origin().label());
    ps.setString(9, content.source());
    ps.setString(10, content.sourcePath());
    ps.setLong(11, content.ingestedAt().toEpochMilli());
    LocalZone zone = date.zone();
    ps.setString(12, zone == null || zone.zone() == null ? null : zone.zone().getId());
    ps.setString(13, zone == null ? null : zone.reasonLabel());
  }

  /** Reads a row selected as {@link #CONTENT_COLUMNS}. */
  private static ArchivedContent readContent(ResultSet rs) throws SQLException {
    return readContentAt(rs, 1);
  }

  /** Reads {@link #CONTENT_COLUMNS} starting at column {@code c}. */
  static ArchivedContent readContentAt(ResultSet rs, int c) throws SQLException {
    String offset = rs.getString(c + 6);
    CaptureDate date = new CaptureDate(LocalDateTime.parse(rs.getString(c + 4)), Instant.ofEpochMilli(rs.getLong(c + 5)),
        offset == null ? null : ZoneOffset.of(offset), DateOrigin.fromLabel(rs.getString(c + 7)),
        LocalZone.fromLedger(rs.getString(c + 11), rs.getString(c + 12)).orElse(null));
    return new ArchivedContent(new ContentHash(rs.getString(c)), rs.getString(c + 1), rs.getLong(c + 2),
        MediaType.valueOf(rs.getString(c + 3)), date, rs.getString(c + 8), rs.getString(c + 9),
        Instant.ofEpochMilli(rs.getLong(c + 10)));
  }

  /**
   * Records newly archived contents and the source paths they came from, all in one transaction.
   * The caller has made the archived files durable first.
   */
  public void recordArchived(List<ArchivedContent> contents, List<SeenFile> files) {
    recordArchived(contents, files, List.of(), List.of());
  }

  /** A file found to hold content archived from another path, with that content's hash. */
  public record Duplicate(SeenFile file, ContentHash hash) {}

  /**
   * As {@link #recordArchived(List, List)}, with what {@code keepsake why} tells later of some of
   * them (the date rules their winner beat, the {@code .stversions} copy they were read from), and in
   * the same transaction the files found to hold the same content as one of them (all or none: a
   * failed write leaves no row of the batch).
   */
  public void recordArchived(List<ArchivedContent> contents, List<SeenFile> files, List<ContentNote> notes,
      List<Duplicate> duplicates) {
    ledger.write("record " + contents.size() + " archived file(s)", db -> {
      if (!notes.isEmpty()) {
        try (PreparedStatement ps = db.prepareStatement(
            "INSERT OR REPLACE INTO content_notes (hash, beaten_dates, rescued_from) VALUES (?,?,?)")) {
          for (ContentNote note : notes) {
            ps.setString(1, note.hash().toString());
            ps.setString(2, note.beatenDates());
            ps.setString(3, note.rescuedFrom());
            ps.addBatch();
          }
          ps.executeBatch();
        }
      }
      try (PreparedStatement ps = db.prepareStatement(
          "INSERT INTO contents (" + CONTENT_COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
        for (ArchivedContent content : contents) {
          bindContent(ps, content);
          ps.addBatch();
        }
        ps.executeBatch();
      }
      try (PreparedStatement ps = db.prepareStatement(UPSERT_SOURCE_FILE)) { // prepared once a batch, not once a row
        for (int i = 0; i < files.size(); i++) {
          bindSourceFile(ps, files.get(i), contents.get(i).hash(), FileState.ARCHIVED, contents.get(i).ingestedAt().toEpochMilli());
          ps.addBatch();
        }
        for (Duplicate duplicate : duplicates) {
          bindSourceFile(ps, duplicate.file(), duplicate.hash(), FileState.DUPLICATE, clock.millis());
          ps.addBatch();
        }
        ps.executeBatch();
      }
    });
  }

  /**
   * Every archived content ingested at or after {@code since} (all when null), handed to {@code each}
   * page by page: memory is one page, whatever the size of the archive. Rows added meanwhile may or
   * may not be seen.
   */
  public void forEachContent(Instant since, java.util.function.Consumer<ArchivedContent> each) {
    long after = 0;
    while (true) {
      long from = after;
      List<Object[]> page = ledger.read("list archived contents", db -> {
        List<Object[]> rows = new ArrayList<>();
        try (PreparedStatement ps = db.prepareStatement("SELECT rowid, " + CONTENT_COLUMNS
            + " FROM contents WHERE rowid > ? AND ingested_at >= ? AND hash NOT IN (SELECT hash FROM forgotten) ORDER BY rowid LIMIT 1000")) {
          ps.setLong(1, from);
          ps.setLong(2, since == null ? Long.MIN_VALUE : since.toEpochMilli());
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              rows.add(new Object[] {rs.getLong(1), readContentAt(rs, 2)});
            }
          }
        }
        return rows;
      });
      for (Object[] row : page) {
        each.accept((ArchivedContent) row[1]);
      }
      if (page.size() < 1000) {
        return;
      }
      after = (Long) page.get(page.size() - 1)[0];
    }
  }

  /** How many contents were ingested at or after {@code since}, and their bytes. */
  public long[] contentTotals(Instant since) {
    return ledger.read("count contents", db -> {
      try (PreparedStatement ps = db.prepareStatement(
          "SELECT COUNT(*), COALESCE(SUM(bytes), 0) FROM contents WHERE ingested_at >= ? AND hash NOT IN (SELECT hash FROM forgotten)")) {
        ps.setLong(1, since == null ? Long.MIN_VALUE : since.toEpochMilli());
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return new long[] {rs.getLong(1), rs.getLong(2)};
        }
      }
    });
  }

  /** {@code n} contents chosen at random (all when fewer), for a sampled verify. */
  public List<ArchivedContent> sampleContents(int n) {
    return ledger.read("sample contents", db -> {
      List<ArchivedContent> out = new ArrayList<>();
      try (PreparedStatement ps = db.prepareStatement("SELECT " + CONTENT_COLUMNS
          + " FROM contents WHERE hash NOT IN (SELECT hash FROM forgotten) ORDER BY random() LIMIT ?")) {
        ps.setInt(1, n);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(readContent(rs));
          }
        }
      }
      return out;
    });
  }

  /** Whether an archived content has the path {@code archivePath} (the unknown-files check of verify). */
  public boolean hasArchivePath(String archivePath) {
    return ledger.read("look up an archive path", db -> {
      try (PreparedStatement ps = db.prepareStatement("SELECT 1 FROM contents WHERE archive_path = ?")) {
        ps.setString(1, archivePath);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next();
        }
      }
    });
  }

  /**
   * The owner removed the file at {@code archivePath} from the archive on purpose: its content is
   * remembered (by hash) so no later pass archives it again, from any path, and verify no longer
   * expects it. The content row stays: it is what dedupe finds.
   *
   * @return the content forgotten, or empty when no archived content has that path
   */
  public java.util.Optional<ArchivedContent> forget(String archivePath) {
    java.util.Optional<ArchivedContent> content = ledger.read("look up " + archivePath, db -> {
      try (PreparedStatement ps = db.prepareStatement("SELECT " + CONTENT_COLUMNS + " FROM contents WHERE archive_path = ?")) {
        ps.setString(1, archivePath);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? java.util.Optional.of(readContent(rs)) : java.util.Optional.<ArchivedContent>empty();
        }
      }
    });
    content.ifPresent(c -> ledger.write("forget " + archivePath, db -> {
      try (PreparedStatement ps = db.prepareStatement(
          "INSERT OR IGNORE INTO forgotten (hash, archive_path, forgotten_at) VALUES (?,?,?)")) {
        ps.setString(1, c.hash().hex());
        ps.setString(2, archivePath);
        ps.setLong(3, clock.millis());
        ps.executeUpdate();
      }
    }));
    return content;
  }

  /** The {@code n} contents archived last (not rebuilt rows, not forgotten ones), newest first: the page's recent arrivals. */
  public List<ArchivedContent> recent(int n) {
    return ledger.read("list recent arrivals", db -> {
      List<ArchivedContent> out = new ArrayList<>();
      try (PreparedStatement ps = db.prepareStatement("SELECT " + CONTENT_COLUMNS + " FROM contents WHERE source <> '"
          + REBUILT + "' AND hash NOT IN (SELECT hash FROM forgotten) ORDER BY ingested_at DESC LIMIT ?")) {
        ps.setInt(1, n);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(readContent(rs));
          }
        }
      }
      return out;
    });
  }

  /** When a file was last archived (any source), or null when none ever was. */
  public Instant lastArchivedAt() {
    return ledger.read("last archived", db -> {
      try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(
          "SELECT MAX(ingested_at) FROM contents WHERE source <> '" + REBUILT + "'")) {
        long at = rs.next() ? rs.getLong(1) : 0;
        return rs.wasNull() || at == 0 ? null : Instant.ofEpochMilli(at);
      }
    });
  }

  /** When the owner removed this content from the archive on purpose, if they did. */
  public java.util.Optional<Instant> forgottenAt(ContentHash hash) {
    return ledger.read("is it forgotten", db -> {
      try (PreparedStatement ps = db.prepareStatement("SELECT forgotten_at FROM forgotten WHERE hash = ?")) {
        ps.setString(1, hash.hex());
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? java.util.Optional.of(Instant.ofEpochMilli(rs.getLong(1))) : java.util.Optional.<Instant>empty();
        }
      }
    });
  }

  /**
   * The source name of content rows rebuilt from the archive itself ({@code rebuild-ledger}): they
   * were archived before, so reports do not count them as arrivals.
   */
  public static final String REBUILT = "rebuilt";

  /** Adds content rows found in the archive itself (rebuilding a lost ledger); known hashes are kept as they are. */
  public int recordRebuilt(List<ArchivedContent> contents) {
    int[] added = {0};
    ledger.write("record rebuilt contents", db -> {
      try (PreparedStatement ps = db.prepareStatement(
          "INSERT OR IGNORE INTO contents (" + CONTENT_COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
        for (ArchivedContent content : contents) {
          bindContent(ps, content);
          added[0] += ps.executeUpdate();
        }
      }
    });
    return added[0];
  }

  /** Records what a source path holds now (a duplicate, a skipped file, a touched file). */
  public void recordSourceFile(SeenFile file, ContentHash hash, FileState state) {
    ledger.write("record " + file, db -> upsertSourceFile(db, file, hash, state));
  }

  private void upsertSourceFile(Connection db, SeenFile file, ContentHash hash, FileState state) throws SQLException {
    upsertSourceFile(db, file, hash, state, clock.millis());
  }

  /** @param now when this was learnt (an archived file: when its content was archived, not when the batch was recorded) */
  private void upsertSourceFile(Connection db, SeenFile file, ContentHash hash, FileState state, long now) throws SQLException {
    try (PreparedStatement ps = db.prepareStatement(UPSERT_SOURCE_FILE)) {
      bindSourceFile(ps, file, hash, state, now);
      ps.executeUpdate();
    }
  }

  private static final String UPSERT_SOURCE_FILE =
      "INSERT INTO source_files (source, path, size, mtime_ns, file_key, hash, state, first_seen, updated_at, removed_at)"
          + " VALUES (?,?,?,?,?,?,?,?,?,NULL) ON CONFLICT (source, path) DO UPDATE SET size = excluded.size,"
          + " mtime_ns = excluded.mtime_ns, file_key = excluded.file_key, hash = excluded.hash,"
          + " state = excluded.state, updated_at = excluded.updated_at, removed_at = NULL";

  private static void bindSourceFile(PreparedStatement ps, SeenFile file, ContentHash hash, FileState state, long now)
      throws SQLException {
    ps.setString(1, file.source());
    ps.setString(2, file.path());
    ps.setLong(3, file.size());
    ps.setLong(4, file.mtime().to(TimeUnit.NANOSECONDS));
    ps.setString(5, file.fileKey());
    ps.setString(6, hash == null ? null : hash.hex());
    ps.setString(7, state.name());
    ps.setLong(8, now);
    ps.setLong(9, now);
  }

  /** Notes that these paths of {@code source} are gone from the source; the archive keeps them. */
  public void markRemoved(String source, Collection<String> paths) {
    if (paths.isEmpty()) {
      return;
    }
    ledger.write("mark removed files of " + source, db -> {
      try (PreparedStatement ps = db.prepareStatement(
          "UPDATE source_files SET removed_at = ? WHERE source = ? AND path = ? AND removed_at IS NULL")) {
        for (String path : paths) {
          ps.setLong(1, clock.millis());
          ps.setString(2, source);
          ps.setString(3, path);
          ps.addBatch();
        }
        ps.executeBatch();
      }
    });
  }

  /** How many paths of {@code source} have their content in the archive (archived, or a duplicate of what is). */
  public long archivedFiles(String source) {
    return ledger.read("count archived files of " + source, db -> {
      try (PreparedStatement ps = db.prepareStatement(
          "SELECT COUNT(*) FROM source_files WHERE source = ? AND state IN ('ARCHIVED', 'DUPLICATE')")) {
        ps.setString(1, source);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? rs.getLong(1) : 0L;
        }
      }
    });
  }

  /** When a file of {@code source} was last archived, or null. */
  public Instant lastArrival(String source) {
    return ledger.read("read the last arrival of " + source, db -> {
      try (PreparedStatement ps = db.prepareStatement("SELECT MAX(ingested_at) FROM contents WHERE source = ?")) {
        ps.setString(1, source);
        try (ResultSet rs = ps.executeQuery()) {
          long at = rs.next() ? rs.getLong(1) : 0;
          return rs.wasNull() || at == 0 ? null : Instant.ofEpochMilli(at);
        }
      }
    });
  }

  /**
   * The days on which contents of {@code source} were archived, at or after {@code since}, in the
   * zone {@code zone} (its offset now): at most one row a day, whatever an import brought in one.
   */
  public List<java.time.LocalDate> arrivalDays(String source, Instant since, java.time.ZoneId zone) {
    long offset = zone.getRules().getOffset(clock.instant()).getTotalSeconds() * 1000L;
    return ledger.read("read arrival days of " + source, db -> {
      List<java.time.LocalDate> out = new ArrayList<>();
      try (PreparedStatement ps = db.prepareStatement("SELECT DISTINCT (ingested_at + ?) / 86400000 FROM contents"
          + " WHERE source = ? AND ingested_at >= ? ORDER BY 1")) {
        ps.setLong(1, offset);
        ps.setString(2, source);
        ps.setLong(3, since.toEpochMilli());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(java.time.LocalDate.ofEpochDay(rs.getLong(1)));
          }
        }
      }
      return out;
    });
  }

  /** How many distinct contents the archive holds, for summaries and tests. */
  public long contentCount() {
    return ledger.read("count contents", db -> {
      try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM contents")) {
        return rs.next() ? rs.getLong(1) : 0L;
      }
    });
  }
}
