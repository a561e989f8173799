package dev.keepsake.syncthing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Syncthing's half of "safe to delete": a file still on the phone and not yet on the NAS is not safe
 * either. A folder is in sync at an instant when a device it is shared with (the phone) is connected
 * and this Syncthing (the NAS) has pulled everything it knows of ({@code idle}, nothing needed).
 * While the phone is away, the last such instant stands: it never runs ahead of the truth. Kept in
 * a {@link Store} so a restart starts from it.
 */
public final class SyncWatch {
  /** Where the last in-sync instant of each folder is kept (the ledger). */
  public interface Store {
    Instant load(String folderId);

    void save(String folderId, Instant at);
  }

  /** One folder as last seen: is a peer (the phone) connected, and since when is everything of it here. */
  public record Sync(boolean peerConnected, Instant inSyncAt) {}

  private static final Duration SAVE_EVERY = Duration.ofMinutes(1);
  private final SyncthingClient client;
  private final Store store;
  private final Clock clock;
  private final Map<String, Sync> last = new HashMap<>();
  private final Map<String, Instant> saved = new HashMap<>();
  private String myId;

  public SyncWatch(SyncthingClient client, Store store, Clock clock) {
    this.client = client;
    this.store = store;
    this.clock = clock;
  }

  /** The last in-sync instant kept for {@code folderId}, before any look (null: never seen in sync). */
  public Sync known(String folderId) {
    return last.computeIfAbsent(folderId, id -> new Sync(false, store.load(id)));
  }

  /** Looks at each folder once. */
  public Map<String, Sync> look(Collection<String> folderIds) throws SyncthingException {
    if (myId == null) {
      myId = client.myId();
    }
    Map<String, Boolean> connected = client.connections();
    Map<String, Sync> out = new HashMap<>();
    Instant now = clock.instant();
    for (String folder : folderIds) {
      List<String> peers = client.folderDevices(folder).stream().filter(d -> !d.equals(myId)).toList();
      boolean peerConnected = peers.stream().anyMatch(d -> Boolean.TRUE.equals(connected.get(d)));
      Sync before = known(folder);
      Sync now1 = peerConnected && client.folderStatus(folder).complete()
          ? new Sync(true, now)
          : new Sync(peerConnected, before.inSyncAt());
      last.put(folder, now1);
      if (now1.inSyncAt() != null && (saved.get(folder) == null || !saved.get(folder).plus(SAVE_EVERY).isAfter(now))) {
        store.save(folder, now1.inSyncAt());
        saved.put(folder, now);
      }
      out.put(folder, now1);
    }
    return out;
  }
}
