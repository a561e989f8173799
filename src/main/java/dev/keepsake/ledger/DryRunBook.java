package dev.keepsake.ledger;

import dev.keepsake.archive.ContentHash;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * What a dry run would have archived so far, so that a second copy of the same content later in
 * the same run is predicted as the duplicate it will be. Kept in SQLite's private temporary
 * database (on disk, deleted when closed), not in the heap: a dry run over a million new files
 * stays in the same memory as one over ten. Never touches the ledger.
 */
public final class DryRunBook implements AutoCloseable {
  private final Connection db;
  private final PreparedStatement insert;
  private final PreparedStatement find;
  private final PreparedStatement taken;

  public DryRunBook() {
    try {
      db = DriverManager.getConnection("jdbc:sqlite:"); // "": a temporary on-disk database of its own
      try (Statement st = db.createStatement()) {
        st.execute("CREATE TABLE would_archive (hash TEXT PRIMARY KEY, archive_path TEXT NOT NULL UNIQUE)");
      }
      insert = db.prepareStatement("INSERT OR IGNORE INTO would_archive (hash, archive_path) VALUES (?, ?)");
      find = db.prepareStatement("SELECT archive_path FROM would_archive WHERE hash = ?");
      taken = db.prepareStatement("SELECT 1 FROM would_archive WHERE archive_path = ?");
    } catch (SQLException e) {
      throw new LedgerException("cannot create the dry run's scratch table: " + e.getMessage(), e);
    }
  }

  /** The archive path the run would have given this content already, if any. */
  public synchronized Optional<String> archivePath(ContentHash hash) {
    try {
      find.setString(1, hash.toString());
      try (ResultSet rs = find.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new LedgerException("dry run scratch table: " + e.getMessage(), e);
    }
  }

  /** Whether the run would already have put other content at {@code archivePath}. */
  public synchronized boolean isTaken(String archivePath) {
    try {
      taken.setString(1, archivePath);
      try (ResultSet rs = taken.executeQuery()) {
        return rs.next();
      }
    } catch (SQLException e) {
      throw new LedgerException("dry run scratch table: " + e.getMessage(), e);
    }
  }

  /** The run would archive this content at {@code archivePath}. */
  public synchronized void wouldArchive(ContentHash hash, String archivePath) {
    try {
      insert.setString(1, hash.toString());
      insert.setString(2, archivePath);
      insert.executeUpdate();
    } catch (SQLException e) {
      throw new LedgerException("dry run scratch table: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      db.close();
    } catch (SQLException ignored) {
      // a temporary database: nothing is kept either way
    }
  }
}
