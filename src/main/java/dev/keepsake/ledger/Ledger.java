package dev.keepsake.ledger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;

/**
 * The SQLite ledger's core: one connection, its schema (migrated forward on open) and its
 * transactions; the rows themselves belong to a store per concern — {@link #files()},
 * {@link #temps()}, {@link #syncthing()}, {@link #marks()}, {@link #incidents()},
 * {@link #retries()}. Every write is its own small transaction (WAL, {@code synchronous=NORMAL}: a
 * crash loses at most the last few rows, which the next pass redoes — the archive files themselves
 * are fsync'd before their row is written).
 *
 * <p>Thread-safe: every store reads and writes under the core's lock, so copy workers may journal
 * temp dirs while the ingesting thread writes rows.
 */
public final class Ledger implements AutoCloseable {
  static {
    SqliteLibrary.useCachedCopy(); // before the first connection loads SQLite
  }

  private final Connection db;
  private final Clock clock;
  private final String description;
  private final FileStore files;
  private final TempJournal temps;
  private final SyncthingState syncthing;
  private final Marks marks;
  private final Incidents incidents;

  private Ledger(Connection db, Clock clock, String description) {
    this.db = db;
    this.clock = clock;
    this.description = description;
    this.files = new FileStore(this, clock);
    this.temps = new TempJournal(this);
    this.syncthing = new SyncthingState(this, clock);
    this.marks = new Marks(this);
    this.incidents = new Incidents(this, clock, marks);
  }

  /** Source files and archived contents. */
  public FileStore files() {
    return files;
  }

  /** The temp-folder journal (crash cleanup). */
  public TempJournal temps() {
    return temps;
  }

  /** Event cursors and folder paths learned from Syncthing. */
  public SyncthingState syncthing() {
    return syncthing;
  }

  /** Small named facts kept across restarts. */
  public Marks marks() {
    return marks;
  }

  /** Incidents and the digest log. */
  public Incidents incidents() {
    return incidents;
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
    // Owner-only BEFORE SQLite opens it: Java changes a mode without following links by opening the
    // file and closing it again, and closing any descriptor of a file drops every POSIX lock this
    // process holds on it — SQLite's own locks included. A service that lost them lets any other
    // process that closes the ledger delete the live WAL (and all it held). SQLite gives the -wal and
    // -shm files it makes later the database file's mode.
    ownerOnly(file);
    try {
      Connection db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
      Ledger ledger = new Ledger(db, clock, file.toString());
      ledger.configure(true);
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

  /**
   * The ledger and its WAL files are readable by Keepsake's user only (0600); a new ledger is made
   * empty with that mode (SQLite takes an empty file as a new database). Only before a connection
   * of this process is open (see {@link #open}).
   */
  private static void ownerOnly(Path file) {
    if (!Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      try {
        Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
            java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
      } catch (IOException | UnsupportedOperationException raced) {
        // made meanwhile, or not a POSIX file system: SQLite creates it
      }
    }
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
        // A batch of many new files dirties pages all over the indexes keyed by content hash; checkpointed
        // after every 1,000 pages (the default), each batch was written twice in full. A 64 MiB WAL lets a
        // page rewritten by several batches reach the ledger file once (100,000 small files: 3.5 GB written
        // to the disk in all -> 1.9 GB); after a checkpoint the WAL file is cut back to 8 MiB.
        st.execute("PRAGMA wal_autocheckpoint = 16384");
        st.execute("PRAGMA journal_size_limit = 8388608");
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




























  /** Messages each notification channel still has to deliver ({@link Outgoing}). */
  public Outgoing outgoing() {
    return new Outgoing(this, clock);
  }

  /** The schedule of files that failed and are tried again on their own ({@link RetrySchedule}). */
  public RetrySchedule retries() {
    return new RetrySchedule(this, clock);
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
        try {
          db.rollback();
        } catch (SQLException rollback) { // SQLite may have rolled back already (a full disk): keep the cause
          e.addSuppressed(rollback);
        }
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
    // a full disk: said by SQLite, or found out after it rolled the transaction back on its own
    long free = message.contains("SQLITE_FULL") || message.contains("no transaction is active") ? freeBytesBeside(description) : -1;
    if (message.contains("SQLITE_FULL") || (free >= 0 && free < FULL_BELOW)) {
      return new LedgerException("ledger " + description + ": cannot " + what + ": the disk holding it is full; free space"
          + " there (files already placed stay in the archive; once there is room, the next pass records them)", e);
    }
    return new LedgerException("ledger " + description + ": cannot " + what + ": " + message, e);
  }

  private static LedgerException damaged(String file, SQLException e) {
    String message = String.valueOf(e.getMessage());
    if (message.contains("SQLITE_NOTADB") || message.contains("SQLITE_CORRUPT")) {
      return new LedgerException("ledger " + file + " is damaged (" + message + "): move it aside and run"
          + " `keepsake rebuild-ledger --archive <archive>` to rebuild it from the archive; the archive itself is untouched", e);
    }
    long free = freeBytesBeside(file);
    if (free >= 0 && free < FULL_BELOW) { // SQLite says "no transaction is active" or "I/O error", not "full"
      return new LedgerException("cannot open ledger " + file + ": its disk is full (" + free + " bytes free);"
          + " free space there and start again (nothing was archived, nothing was lost)", e);
    }
    return new LedgerException("cannot open ledger " + file + ": " + message
        + " (check the path and its permissions, or set 'ledger:' in the config)", e);
  }

  /** Below this much free space a ledger cannot even be opened (its WAL and shared memory need room). */
  private static final long FULL_BELOW = 1 << 20;

  /** Free bytes on the disk of {@code file}'s folder, or -1 when that cannot be told. */
  private static long freeBytesBeside(String file) {
    try {
      java.nio.file.Path dir = java.nio.file.Path.of(file).toAbsolutePath().getParent();
      return dir == null ? -1 : java.nio.file.Files.getFileStore(dir).getUsableSpace();
    } catch (java.io.IOException | RuntimeException cannotTell) {
      return -1;
    }
  }
}
