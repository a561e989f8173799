package dev.keepsake.cli;

import dev.keepsake.app.FolderPaths;
import dev.keepsake.config.ConfigException;
import dev.keepsake.config.ConfigLoader;
import dev.keepsake.config.IngestSettings;
import dev.keepsake.config.KeepsakeConfig;
import dev.keepsake.config.NotifySettings;
import dev.keepsake.config.ServiceSettings;
import dev.keepsake.syncthing.SyncthingClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Loads a config file into the settings a command needs, asking Syncthing for folder paths where named. */
final class ConfigSources {
  /** Everything a config file says, resolved. */
  record Loaded(IngestSettings ingest, ServiceSettings service, SyncthingClient syncthing, NotifySettings notifications,
      List<String> notes, dev.keepsake.config.PushSettings push) {}

  /** Where the service's config lives on a NAS, and where commands look when none is given. */
  static final Path DEFAULT_CONFIG = Path.of("/etc/keepsake/keepsake.yaml");

  private ConfigSources() {}

  /**
   * @param whenUnknown what a {@code syncthing-folder} that neither Syncthing nor the ledger can place
   *     does: fail the load (ingest, hook) or wait as a pending source (the service, doctor)
   */
  static Loaded load(Path file, String layout, String zone, FolderPaths.WhenUnknown whenUnknown) throws ConfigException {
    KeepsakeConfig config = ConfigLoader.load(file);
    ServiceSettings service = ServiceSettings.fromConfig(config, file, System.getenv());
    SyncthingClient syncthing = service.syncthingUrl() == null ? null : client(service);
    List<String> notes = new ArrayList<>();
    IngestSettings.FolderResolver folders = FolderPaths.resolver(syncthing, IngestSettings.ledgerFileOf(config, file),
        whenUnknown, notes);
    IngestSettings ingest = IngestSettings.fromConfig(config, file, folders).withOverrides(layout, zone);
    NotifySettings notify = NotifySettings.from(config, file, ingest.archiveRoot(), ingest.zone(), service.warnings());
    LogSetup.useZone(ingest.zone()); // from here on, log times are the archive's, labelled
    dev.keepsake.config.PushSettings push = dev.keepsake.config.PushSettings.from(config, file, service.warnings());
    return new Loaded(ingest, service, syncthing, notify, notes, push);
  }

  /**
   * What {@code ingest --config} needs: archive, sources and ledger. The {@code syncthing:} section
   * is read only when a source names a {@code syncthing-folder} (so an unreadable API key file does
   * not stop an ingest of {@code path:} sources); a folder nobody can place fails with the reason.
   */
  static IngestSettings loadForIngest(Path file, String layout, String zone, List<String> notes) throws ConfigException {
    KeepsakeConfig config = ConfigLoader.load(file);
    boolean namesFolders = config.sources() != null
        && config.sources().values().stream().anyMatch(e -> e != null && e.syncthingFolder() != null);
    SyncthingClient syncthing = null;
    if (namesFolders && config.syncthing() != null) {
      syncthing = client(ServiceSettings.fromConfig(config, file, System.getenv()));
    }
    IngestSettings.FolderResolver folders = FolderPaths.resolver(syncthing, IngestSettings.ledgerFileOf(config, file),
        FolderPaths.WhenUnknown.FAIL, notes);
    IngestSettings ingest = IngestSettings.fromConfig(config, file, folders).withOverrides(layout, zone);
    LogSetup.useZone(ingest.zone());
    return ingest;
  }

  /**
   * The running service's address: {@code --server} when given, else {@code server.listen} of the
   * config (the default config when it exists), else 127.0.0.1:8787.
   */
  static String serviceAddress(ServiceOptions options) throws ConfigException {
    if (options.server != null) {
      return options.server;
    }
    if (!options.hasConfig()) {
      return ServiceSettings.DEFAULT_LISTEN;
    }
    Path file = options.configFile();
    KeepsakeConfig config = ConfigLoader.load(file);
    // only server.listen: a command that asks the service must not stop on a secret it does not need
    String listen = config.server() == null || config.server().listen() == null ? ServiceSettings.DEFAULT_LISTEN
        : config.server().listen();
    var address = ServiceSettings.address("server.listen", listen);
    return address.getHostString() + ":" + address.getPort();
  }

  private static SyncthingClient client(ServiceSettings service) throws ConfigException {
    try {
      return new SyncthingClient(service.syncthingUrl(), service.syncthingKey());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage());
    }
  }
}
