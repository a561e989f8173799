package dev.keepsake.ledger;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Facts about a ledger file that other parts (doctor) may know without opening it for work. */
public final class LedgerInfo {
  private LedgerInfo() {}

  /** The schema version this Keepsake writes. */
  public static int currentSchema() {
    return Schema.currentVersion();
  }

  /**
   * A ledger's schema and integrity as read from the file (read-only: nothing written, nothing
   * migrated).
   *
   * @param version the schema the file has
   * @param integrity SQLite's {@code quick_check} answer: {@code ok}, or what is damaged
   */
  public record SchemaState(int version, String integrity) {
    /** Written by a newer Keepsake: this one must not touch it. */
    public boolean newer() {
      return version > Schema.currentVersion();
    }

    /** Older: the next run that opens it for writing upgrades it. */
    public boolean older() {
      return version < Schema.currentVersion();
    }

    public boolean damaged() {
      return !"ok".equals(integrity);
    }
  }

  /**
   * @throws LedgerException when the file cannot be read as a ledger at all (naming it and the fix)
   */
  public static SchemaState inspect(Path file) {
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:file:" + file.toAbsolutePath() + "?mode=ro");
        Statement st = db.createStatement()) {
      int version;
      try (ResultSet rs = st.executeQuery("PRAGMA user_version")) {
        version = rs.next() ? rs.getInt(1) : 0;
      }
      try (ResultSet check = st.executeQuery("PRAGMA quick_check")) {
        return new SchemaState(version, check.next() ? check.getString(1) : "?");
      }
    } catch (SQLException e) {
      throw new LedgerException("ledger " + file + " cannot be read (" + e.getMessage()
          + "): if it is damaged, move it aside and run keepsake rebuild-ledger", e);
    }
  }
}
