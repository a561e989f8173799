package dev.keepsake.ledger;

import dev.keepsake.archive.ContentHash;
import dev.keepsake.archive.WriteOnceCopier;
import dev.keepsake.media.CaptureDate;
import dev.keepsake.media.DateOrigin;
import dev.keepsake.media.MediaType;
import dev.keepsake.syncthing.EventCursor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The SQLite ledger. Opening it migrates the schema forward; every write is its own small
 * transaction (WAL, {@code synchronous=NORMAL}: a crash loses at most the last few rows, which the
 * next pass redoes — the archive files themselves are fsync'd before their row is written).
 *
 * <p>Thread-safe: every method holds the ledger's lock, so copy workers may journal temp dirs
 * while the ingesting thread writes rows.
 */
public final class Ledger implements AutoCloseable, WriteOnceCopier.TempDirJournal {
  static {
    SqliteLibrary.useCachedCopy(); // before the first connection loads SQLite
  }

  private final Connection db;
  private final Clock clock;
  private final String description;
  private final Set<String> journaledDirs = new HashSet<>();

  private Ledger(Connection db, Clock clock, String description) {
    this.db = db;
    this.clock = clock;
    this.description = description;
  }

  /**
   * Opens (creating if needed) the ledger at {@code file}.
   *
   * @throws LedgerException naming the file and the fix when it is damaged, from a newer version,
   *     or cannot be created
   */
  public static Ledger open(Path file, Clock clock) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
    } catch (IOException e) {
      throw new LedgerException("cannot create the folder for the ledger " + file + ": " + e.getMessage()
          + " (check the path and its permissions, or set 'ledger:' in the config)", e);
    }
    try {
      Connection db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
      Ledger ledger = new Ledger(db, clock, file.toString());
      ledger.configure(true);
      ownerOnly(file);
      return ledger;
    } catch (SQLException e) {
      throw damaged(file.toString(), e);
    }
  }

  /**
   * Opens an existing ledger for reading only (dry runs): no migration, no WAL switch, nothing
   * written — not even when it is from an older version.
   */
  public static Ledger openReadOnly(Path file, Clock clock) {
    try {
      // With no -wal beside it nobody is writing: read it as immutable, which creates no -wal/-shm
      // files. With one, a writer is active: read-only mode joins its WAL (the files exist already).
      boolean writerActive = Files.exists(Path.of(file + "-wal"));
      Connection db = DriverManager.getConnection("jdbc:sqlite:file:" + file.toAbsolutePath()
          + (writerActive ? "?mode=ro" : "?immutable=1"));
      Ledger ledger = new Ledger(db, clock, file.toString());
      int version = ledger.schemaVersion();
      if (version > Schema.currentVersion()) {
        db.close();
        throw new LedgerException("ledger " + file + " has schema version " + version + " but this Keepsake knows only up to "
            + Schema.currentVersion() + ": it was written by a newer Keepsake; upgrade Keepsake", null);
      }
      return ledger;
    } catch (SQLException e) {
      throw damaged(file.toString(), e);
    }
  }

  /** The ledger and its WAL files are readable by Keepsake's user only (0600). */
  private static void ownerOnly(Path file) {
    for (String suffix : new String[] {"", "-wal", "-shm"}) {
      Path p = Path.of(file + suffix);
      try {
        var view = Files.getFileAttributeView(p, java.nio.file.attribute.PosixFileAttributeView.class,
            java.nio.file.LinkOption.NOFOLLOW_LINKS); // chmod of the file itself, never of a link's target
        if (view != null && Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(p)) {
          view.setPermissions(dev.keepsake.archive.Permissions.of(0600));
        }
      } catch (IOException | UnsupportedOperationException notOurs) {
        // a ledger owned by another user: opening it worked, so reading is allowed; leave its mode
      }
    }
  }

  /** A ledger that lives in memory only: for dry runs against an archive that has none yet. */
  public static Ledger inMemory(Clock clock) {
    try {
      Ledger ledger = new Ledger(DriverManager.getConnection("jdbc:sqlite::memory:"), clock, "(in memory)");
      ledger.configure(false);
      return ledger;
    } catch (SQLException e) {
      throw new LedgerException("cannot create an in-memory ledger: " + e.getMessage(), e);
    }
  }

  private void configure(boolean onDisk) throws SQLException {
    try (Statement st = db.createStatement()) {
      st.execute("PRAGMA busy_timeout = 10000");
      int version;
      try (ResultSet rs = st.executeQuery("PRAGMA user_version")) {
        version = rs.next() ? rs.getInt(1) : 0;
      }
      if (version > Schema.currentVersion()) { // checked before anything may write to the file
        db.close();
        throw new LedgerException("ledger " + description + " has schema version " + version
            + " but this Keepsake knows only up to " + Schema.currentVersion()
            + ": it was written by a newer Keepsake; upgrade Keepsake (the ledger was left unchanged)", null);
      }
      if (onDisk) {
        st.execute("PRAGMA journal_mode = WAL");
        st.execute("PRAGMA synchronous = NORMAL");
      }
      migrate(st, version);
    }
  }

  private void migrate(Statement st, int from) throws SQLException {
    for (int v = from; v < Schema.currentVersion(); v++) {
      db.setAutoCommit(false);
      try {
        for (String sql : Schema.MIGRATIONS.get(v).split(";")) {
          if (!sql.isBlank()) {
            st.executeUpdate(sql);
          }
        }
        st.executeUpdate("PRAGMA user_version = " + (v + 1));
        db.commit();
      } catch (SQLException e) {
        db.rollback();
        throw e;
      } finally {
        db.setAutoCommit(true);
      }
    }
  }

  public synchronized int schemaVersion() {
    return query("read the schema version", () -> {
      try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("PRAGMA user_version")) {
        return rs.next() ? rs.getInt(1) : 0;
      }
    });
  }

  /** Every path of {@code source} the ledger knows, present or removed, keyed by relative path. */
  public synchronized Map<String, KnownFile> knownFiles(String source) {
    return query("read the files of source " + source, () -> {
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
  public synchronized List<KnownFile> knownFilesAfter(String source, String after, int limit) {
    return query("read files of source " + source, () -> {
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
  public synchronized Map<String, KnownFile> knownFiles(String source, Collection<String> paths) {
    return query("read files of source " + source, () -> {
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

  public synchronized Optional<ArchivedContent> content(ContentHash hash) {
    return query("look up content " + hash.hash8(), () -> {
      try (PreparedStatement ps = db.prepareStatement("SELECT " + CONTENT_COLUMNS + " FROM contents WHERE hash = ?")) {
        ps.setString(1, hash.hex());
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(readContent(rs)) : Optional.empty();
        }
      }
    });
  }

  private static final String CONTENT_COLUMNS = "hash, archive_path, bytes, media_type, capture_local, capture_instant,"
      + " capture_offset, capture_origin, source, source_path, ingested_at";

  /** Binds the 11 {@link #CONTENT_COLUMNS} of {@code content}, in order. */
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
  }

  /** Reads a row selected as {@link #CONTENT_COLUMNS}. */
  private static ArchivedContent readContent(ResultSet rs) throws SQLException {
    return readContentAt(rs, 1);
  }

  /** Reads {@link #CONTENT_COLUMNS} starting at column {@code c}. */
  private static ArchivedContent readContentAt(ResultSet rs, int c) throws SQLException {
    String offset = rs.getString(c + 6);
    CaptureDate date = new CaptureDate(LocalDateTime.parse(rs.getString(c + 4)), Instant.ofEpochMilli(rs.getLong(c + 5)),
        offset == null ? null : ZoneOffset.of(offset), DateOrigin.fromLabel(rs.getString(c + 7)));
    return new ArchivedContent(new ContentHash(rs.getString(c)), rs.getString(c + 1), rs.getLong(c + 2),
        MediaType.valueOf(rs.getString(c + 3)), date, rs.getString(c + 8), rs.getString(c + 9),
        Instant.ofEpochMilli(rs.getLong(c + 10)));
  }

  /**
   * Records newly archived contents and the source paths they came from, all in one transaction.
   * The caller has made the archived files durable first.
   */
  public synchronized void recordArchived(List<ArchivedContent> contents, List<SeenFile> files) {
    transaction("record " + contents.size() + " archived file(s)", () -> {
      try (PreparedStatement ps = db.prepareStatement(
          "INSERT INTO contents (" + CONTENT_COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?)")) {
        for (ArchivedContent content : contents) {
          bindContent(ps, content);
          ps.addBatch();
        }
        ps.executeBatch();
      }
      for (int i = 0; i < files.size(); i++) {
        upsertSourceFile(files.get(i), contents.get(i).hash(), FileState.ARCHIVED);
      }
    });
  }

  /** Every archived content ingested at or after {@code since} (all when null), in ingest order. */
  public synchronized List<ArchivedContent> contents(Instant since) {
    return query("list archived contents", () -> {
      List<ArchivedContent> out = new ArrayList<>();
      try (PreparedStatement ps = db.prepareStatement(
          "SELECT " + CONTENT_COLUMNS + " FROM contents WHERE ingested_at >= ? ORDER BY ingested_at")) {
        ps.setLong(1, since == null ? Long.MIN_VALUE : since.toEpochMilli());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(readContent(rs));
          }
        }
      }
      return out;
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
      List<Object[]> page = read("list archived contents", db -> {
        List<Object[]> rows = new ArrayList<>();
        try (PreparedStatement ps = db.prepareStatement("SELECT rowid, " + CONTENT_COLUMNS
            + " FROM contents WHERE rowid > ? AND ingested_at >= ? ORDER BY rowid LIMIT 1000")) {
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
  public synchronized long[] contentTotals(Instant since) {
    return query("count contents", () -> {
      try (PreparedStatement ps = db.prepareStatement(
          "SELECT COUNT(*), COALESCE(SUM(bytes), 0) FROM contents WHERE ingested_at >= ?")) {
        ps.setLong(1, since == null ? Long.MIN_VALUE : since.toEpochMilli());
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return new long[] {rs.getLong(1), rs.getLong(2)};
        }
      }
    });
  }

  /** {@code n} contents chosen at random (all when fewer), for a sampled verify. */
  public synchronized List<ArchivedContent> sampleContents(int n) {
    return query("sample contents", () -> {
      List<ArchivedContent> out = new ArrayList<>();
      try (PreparedStatement ps = db.prepareStatement("SELECT " + CONTENT_COLUMNS + " FROM contents ORDER BY random() LIMIT ?")) {
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
  public synchronized boolean hasArchivePath(String archivePath) {
    return query("look up an archive path", () -> {
      try (PreparedStatement ps = db.prepareStatement("SELECT 1 FROM contents WHERE archive_path = ?")) {
        ps.setString(1, archivePath);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next();
        }
      }
    });
  }

  /** Adds content rows found in the archive itself (rebuilding a lost ledger); known hashes are kept as they are. */
  public synchronized int recordRebuilt(List<ArchivedContent> contents) {
    int[] added = {0};
    transaction("record rebuilt contents", () -> {
      try (PreparedStatement ps = db.prepareStatement(
          "INSERT OR IGNORE INTO contents (" + CONTENT_COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?)")) {
        for (ArchivedContent content : contents) {
          bindContent(ps, content);
          added[0] += ps.executeUpdate();
        }
      }
    });
    return added[0];
  }

  /** Records what a source path holds now (a duplicate, a skipped file, a touched file). */
  public synchronized void recordSourceFile(SeenFile file, ContentHash hash, FileState state) {
    transaction("record " + file, () -> upsertSourceFile(file, hash, state));
  }

  private void upsertSourceFile(SeenFile file, ContentHash hash, FileState state) throws SQLException {
    long now = clock.millis();
    try (PreparedStatement ps = db.prepareStatement(
        "INSERT INTO source_files (source, path, size, mtime_ns, file_key, hash, state, first_seen, updated_at, removed_at)"
            + " VALUES (?,?,?,?,?,?,?,?,?,NULL) ON CONFLICT (source, path) DO UPDATE SET size = excluded.size,"
            + " mtime_ns = excluded.mtime_ns, file_key = excluded.file_key, hash = excluded.hash,"
            + " state = excluded.state, updated_at = excluded.updated_at, removed_at = NULL")) {
      ps.setString(1, file.source());
      ps.setString(2, file.path());
      ps.setLong(3, file.size());
      ps.setLong(4, file.mtime().to(TimeUnit.NANOSECONDS));
      ps.setString(5, file.fileKey());
      ps.setString(6, hash == null ? null : hash.hex());
      ps.setString(7, state.name());
      ps.setLong(8, now);
      ps.setLong(9, now);
      ps.executeUpdate();
    }
  }

  /** Notes that these paths of {@code source} are gone from the source; the archive keeps them. */
  public synchronized void markRemoved(String source, Collection<String> paths) {
    if (paths.isEmpty()) {
      return;
    }
    transaction("mark removed files of " + source, () -> {
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

  /** Remembers {@code directory} before a temp file is created there (crash cleanup looks there). */
  @Override
  public synchronized void willWriteIn(Path directory) {
    String dir = directory.toAbsolutePath().toString();
    if (journaledDirs.add(dir)) {
      transaction("journal temp dir", () -> {
        try (PreparedStatement ps = db.prepareStatement("INSERT OR IGNORE INTO temp_dirs (dir) VALUES (?)")) {
          ps.setString(1, dir);
          ps.executeUpdate();
        }
      });
    }
  }

  /** Directories where an earlier run may have left temp files. */
  public synchronized List<Path> tempDirs() {
    return query("list temp dirs", () -> {
      List<Path> dirs = new ArrayList<>();
      try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SELECT dir FROM temp_dirs")) {
        while (rs.next()) {
          dirs.add(Path.of(rs.getString(1)));
        }
      }
      return dirs;
    });
  }

  /** Forgets the temp dirs once they have been cleaned. */
  public synchronized void forgetTempDirs(Collection<Path> dirs) {
    transaction("forget temp dirs", () -> {
      try (PreparedStatement ps = db.prepareStatement("DELETE FROM temp_dirs WHERE dir = ?")) {
        for (Path dir : dirs) {
          ps.setString(1, dir.toAbsolutePath().toString());
          ps.addBatch();
        }
        ps.executeBatch();
      }
    });
    journaledDirs.clear();
  }

  /** The event cursor kept for the Syncthing at {@code instance} (its URL), or null. */
  public synchronized EventCursor eventCursor(String instance) {
    return query("read the Syncthing event cursor", () -> {
      try (PreparedStatement ps = db.prepareStatement("SELECT since, start_time FROM syncthing_cursors WHERE instance = ?")) {
        ps.setString(1, instance);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? new EventCursor(rs.getLong(1), rs.getString(2)) : null;
        }
      }
    });
  }

  public synchronized void saveEventCursor(String instance, EventCursor cursor) {
    transaction("save the Syncthing event cursor", () -> {
      try (PreparedStatement ps = db.prepareStatement(
          "INSERT INTO syncthing_cursors (instance, since, start_time) VALUES (?,?,?) ON CONFLICT (instance)"
              + " DO UPDATE SET since = excluded.since, start_time = excluded.start_time")) {
        ps.setString(1, instance);
        ps.setLong(2, cursor.since());
        ps.setString(3, cursor.startTime());
        ps.executeUpdate();
      }
    });
  }

  /** The cursor store for one Syncthing instance, backed by this ledger. */
  public EventCursor.Store cursorStore(String instance) {
    return new EventCursor.Store() {
      @Override
      public EventCursor load() {
        return eventCursor(instance);
      }

      @Override
      public void save(EventCursor cursor) {
        saveEventCursor(instance, cursor);
      }
    };
  }

  /**
   * The path Syncthing last gave for folder {@code folderId}, or null: with it the service watches and
   * reconciles a {@code syncthing-folder} source while Syncthing is down or refuses the key.
   */
  public synchronized Path folderPath(String folderId) {
    return query("read the path of Syncthing folder " + folderId, () -> {
      try (PreparedStatement ps = db.prepareStatement("SELECT path FROM syncthing_folders WHERE folder_id = ?")) {
        ps.setString(1, folderId);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Path.of(rs.getString(1)) : null;
        }
      }
    });
  }

  /** Keeps the path Syncthing gave for {@code folderId} now. */
  public synchronized void saveFolderPath(String folderId, Path path) {
    transaction("save the path of Syncthing folder " + folderId, () -> {
      try (PreparedStatement ps = db.prepareStatement(
          "INSERT INTO syncthing_folders (folder_id, path, seen_at) VALUES (?,?,?) ON CONFLICT (folder_id)"
              + " DO UPDATE SET path = excluded.path, seen_at = excluded.seen_at")) {
        ps.setString(1, folderId);
        ps.setString(2, path.toString());
        ps.setLong(3, clock.millis());
        ps.executeUpdate();
      }
    });
  }

  /** The schedule of files that failed and are tried again on their own ({@link RetrySchedule}). */
  public RetrySchedule retries() {
    return new RetrySchedule(this, clock);
  }

  /** Every incident still on record (open, or resolved but not yet announced as resolved). */
  public synchronized List<IncidentRow> incidents() {
    return query("read incidents", () -> {
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
  public synchronized void saveIncidents(Collection<IncidentRow> incidents) {
    transaction("save incidents", () -> {
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
  public synchronized void digestSent(Collection<IncidentRow> announced, Map<IncidentRow, Closed> closed, Instant when) {
    transaction("record a sent digest", () -> {
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
        putState("digest.last-sent", String.valueOf(when.toEpochMilli()));
      }
    });
  }

  /** When the last digest went out, or null. */
  public synchronized Instant lastDigestSent() {
    String v = state("digest.last-sent");
    return v == null ? null : Instant.ofEpochMilli(Long.parseLong(v));
  }

  /** A small persistent key/value (notifier timestamps). */
  public synchronized String state(String key) {
    return query("read state " + key, () -> {
      try (PreparedStatement ps = db.prepareStatement("SELECT value FROM notify_state WHERE key = ?")) {
        ps.setString(1, key);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? rs.getString(1) : null;
        }
      }
    });
  }

  public synchronized void setState(String key, String value) {
    transaction("write state " + key, () -> putState(key, value));
  }

  private void putState(String key, String value) throws SQLException {
    try (PreparedStatement ps = db.prepareStatement("INSERT OR REPLACE INTO notify_state (key, value) VALUES (?,?)")) {
      ps.setString(1, key);
      ps.setString(2, value);
      ps.executeUpdate();
    }
  }

  /** How many paths of {@code source} have their content in the archive (archived, or a duplicate of what is). */
  public synchronized long archivedFiles(String source) {
    return query("count archived files of " + source, () -> {
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
  public synchronized Instant lastArrival(String source) {
    return query("read the last arrival of " + source, () -> {
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
  public synchronized List<java.time.LocalDate> arrivalDays(String source, Instant since, java.time.ZoneId zone) {
    long offset = zone.getRules().getOffset(clock.instant()).getTotalSeconds() * 1000L;
    return query("read arrival days of " + source, () -> {
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
  public synchronized long contentCount() {
    return query("count contents", () -> {
      try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM contents")) {
        return rs.next() ? rs.getLong(1) : 0L;
      }
    });
  }

  @Override
  public synchronized void close() {
    try {
      db.close();
    } catch (SQLException e) {
      throw new LedgerException("cannot close ledger " + description + ": " + e.getMessage(), e);
    }
  }

  /** Runs read-only queries on the ledger's connection, under its lock (for {@link ReportQueries}). */
  synchronized <T> T read(String what, SqlRead<T> work) {
    return query(what, () -> work.run(db));
  }

  /** Runs writes in one transaction on the ledger's connection, under its lock (for the stores of this package). */
  synchronized void write(String what, SqlWrite work) {
    transaction(what, () -> work.run(db));
  }

  interface SqlWrite {
    void run(Connection db) throws SQLException;
  }

  interface SqlRead<T> {
    T run(Connection db) throws SQLException;
  }

  private interface SqlWork<T> {
    T run() throws SQLException;
  }

  private interface SqlUpdate {
    void run() throws SQLException;
  }

  private <T> T query(String what, SqlWork<T> work) {
    try {
      return work.run();
    } catch (SQLException e) {
      throw failure(what, e);
    }
  }

  private void transaction(String what, SqlUpdate work) {
    try {
      db.setAutoCommit(false);
      try {
        work.run();
        db.commit();
      } catch (SQLException | RuntimeException e) {
        db.rollback();
        throw e;
      } finally {
        db.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw failure(what, e);
    }
  }

  private LedgerException failure(String what, SQLException e) {
    String message = String.valueOf(e.getMessage());
    if (message.contains("SQLITE_NOTADB") || message.contains("SQLITE_CORRUPT")) {
      return damaged(description, e);
    }
    return new LedgerException("ledger " + description + ": cannot " + what + ": " + message, e);
  }

  private static LedgerException damaged(String file, SQLException e) {
    String message = String.valueOf(e.getMessage());
    if (message.contains("SQLITE_NOTADB") || message.contains("SQLITE_CORRUPT")) {
      return new LedgerException("ledger " + file + " is damaged (" + message + "): move it aside and run"
          + " `keepsake rebuild-ledger --archive <archive>` to rebuild it from the archive; the archive itself is untouched", e);
    }
    return new LedgerException("cannot open ledger " + file + ": " + message
        + " (check the path and its permissions, or set 'ledger:' in the config)", e);
  }
}
