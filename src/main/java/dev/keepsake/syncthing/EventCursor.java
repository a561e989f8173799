package dev.keepsake.syncthing;

/**
 * Where Keepsake is in one Syncthing's event stream: the last event id seen, and that Syncthing's
 * start time (ids mean something only within one run of Syncthing).
 */
public record EventCursor(long since, String startTime) {

  /** Stores the cursor between Keepsake runs (the ledger does, per Syncthing instance). */
  public interface Store {
    EventCursor load();

    void save(EventCursor cursor);
  }
}
