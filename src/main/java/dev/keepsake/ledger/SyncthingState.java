package dev.keepsake.ledger;

import dev.keepsake.syncthing.EventCursor;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;

/**
 * What Keepsake keeps about Syncthing across restarts: the event cursor per Syncthing instance
 * (so no event is missed or replayed) and the path each followed folder had (so the service starts
 * while Syncthing is down).
 */
public final class SyncthingState {
  private final Ledger ledger;
  private final Clock clock;

  SyncthingState(Ledger ledger, Clock clock) {
    this.ledger = ledger;
    this.clock = clock;
  }

  /** The event cursor kept for the Syncthing at {@code instance} (its URL), or null. */
  public EventCursor eventCursor(String instance) {
    return ledger.read("read the Syncthing event cursor", db -> {
      try (PreparedStatement ps = db.prepareStatement("SELECT since, start_time FROM syncthing_cursors WHERE instance = ?")) {
        ps.setString(1, instance);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? new EventCursor(rs.getLong(1), rs.getString(2)) : null;
        }
      }
    });
  }

  public void saveEventCursor(String instance, EventCursor cursor) {
    ledger.write("save the Syncthing event cursor", db -> {
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

  /** The cursor store for one Syncthing instance, backed by the ledger. */
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
  public Path folderPath(String folderId) {
    return ledger.read("read the path of Syncthing folder " + folderId, db -> {
      try (PreparedStatement ps = db.prepareStatement("SELECT path FROM syncthing_folders WHERE folder_id = ?")) {
        ps.setString(1, folderId);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Path.of(rs.getString(1)) : null;
        }
      }
    });
  }

  /** Keeps the path Syncthing gave for {@code folderId} now. */
  public void saveFolderPath(String folderId, Path path) {
    ledger.write("save the path of Syncthing folder " + folderId, db -> {
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
}
