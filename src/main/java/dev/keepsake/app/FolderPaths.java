package dev.keepsake.app;

import dev.keepsake.config.ConfigException;
import dev.keepsake.config.IngestSettings;
import dev.keepsake.ledger.Ledger;
import dev.keepsake.ledger.LedgerException;
import dev.keepsake.syncthing.SyncthingClient;
import dev.keepsake.syncthing.SyncthingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * Where a {@code syncthing-folder} source is: asked from Syncthing, else the path Syncthing gave an
 * earlier run (kept in the ledger). When neither can say, {@code ingest} stops with the exact reason
 * and the service waits for Syncthing ({@link IngestSettings.FolderPending}).
 */
public final class FolderPaths {
  /** What to do with a folder nobody can place now. */
  public enum WhenUnknown { FAIL, WAIT }

  private FolderPaths() {}

  /**
   * @param ledgerFile where an earlier run kept folder paths (read only, if it exists)
   * @param notes told when a kept path stands in for Syncthing's answer
   */
  public static IngestSettings.FolderResolver resolver(SyncthingClient syncthing, Path ledgerFile, WhenUnknown mode,
      List<String> notes) {
    if (syncthing == null) {
      return IngestSettings.FolderResolver.NONE;
    }
    return id -> {
      try {
        return syncthing.folder(id).path();
      } catch (SyncthingException e) {
        if (e.kind() == SyncthingException.Kind.NOT_FOUND) {
          throw new ConfigException("syncthing-folder " + id + ": " + e.getMessage());
        }
        Path kept = kept(ledgerFile, id);
        if (kept != null) {
          notes.add("syncthing-folder " + id + ": Syncthing did not answer (" + e.getMessage()
              + "); using the path it gave last time, " + kept);
          return kept;
        }
        String why = "syncthing-folder " + id + ": cannot ask Syncthing for its path (" + e.getMessage() + ")"
            + " and no earlier run kept one in the ledger " + ledgerFile;
        if (mode == WhenUnknown.WAIT) {
          throw new IngestSettings.FolderPending(why + "; waiting for Syncthing");
        }
        throw new ConfigException(why + "; start Syncthing (or fix syncthing.api-key-file), or give path: instead");
      }
    };
  }

  /** The path kept for {@code folderId} in the ledger, or null (no ledger, an older one, or none kept). */
  public static Path kept(Path ledgerFile, String folderId) {
    if (ledgerFile == null || !Files.isRegularFile(ledgerFile)) {
      return null;
    }
    try (Ledger ledger = Ledger.openReadOnly(ledgerFile, Clock.systemUTC())) {
      return ledger.syncthing().folderPath(folderId);
    } catch (LedgerException unreadable) {
      return null; // an older schema, or a damaged file: nothing kept that we can use
    }
  }
}
