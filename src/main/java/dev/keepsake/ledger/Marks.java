package dev.keepsake.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Small named facts kept across restarts: when verify last ran, how far each source is caught up,
 * when the phone last synced completely, when the last digest went out.
 */
public final class Marks {
  private final Ledger ledger;

  Marks(Ledger ledger) {
    this.ledger = ledger;
  }

  /** The value kept under {@code key}, or null. */
  public String get(String key) {
    return ledger.read("read state " + key, db -> {
      try (PreparedStatement ps = db.prepareStatement("SELECT value FROM notify_state WHERE key = ?")) {
        ps.setString(1, key);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? rs.getString(1) : null;
        }
      }
    });
  }

  public void put(String key, String value) {
    ledger.write("write state " + key, db -> put(db, key, value));
  }

  static void put(Connection db, String key, String value) throws SQLException {
    try (PreparedStatement ps = db.prepareStatement("INSERT OR REPLACE INTO notify_state (key, value) VALUES (?,?)")) {
      ps.setString(1, key);
      ps.setString(2, value);
      ps.executeUpdate();
    }
  }
}
