package dev.keepsake.cli;

import dev.keepsake.config.ConfigException;
import dev.keepsake.config.ConfigLoader;
import dev.keepsake.config.IngestSettings;
import dev.keepsake.config.KeepsakeConfig;
import dev.keepsake.config.NotifySettings;
import dev.keepsake.config.ServiceSettings;
import dev.keepsake.syncthing.SyncthingClient;
import dev.keepsake.syncthing.SyncthingException;
import java.nio.file.Path;

/** Loads a config file into the settings a command needs, asking Syncthing for folder paths where named. */
final class ConfigSources {
  /** Everything a config file says, resolved. */
  record Loaded(IngestSettings ingest, ServiceSettings service, SyncthingClient syncthing, NotifySettings notifications) {}

  /** Where the service's config lives on a NAS, and where commands look when none is given. */
  static final Path DEFAULT_CONFIG = Path.of("/etc/keepsake/keepsake.yaml");

  private ConfigSources() {}

  static Loaded load(Path file, String layout, String zone) throws ConfigException {
    KeepsakeConfig config = ConfigLoader.load(file);
    ServiceSettings service = ServiceSettings.fromConfig(config, file, System.getenv());
    SyncthingClient syncthing = service.syncthingUrl() == null ? null : client(service);
    IngestSettings.FolderResolver folders = syncthing == null ? IngestSettings.FolderResolver.NONE : id -> {
      try {
        return syncthing.folder(id).path();
      } catch (SyncthingException e) {
        throw new ConfigException("syncthing-folder: " + id + ": " + e.getMessage());
      }
    };
    IngestSettings ingest = IngestSettings.fromConfig(config, file, folders).withOverrides(layout, zone);
    NotifySettings notify = NotifySettings.from(config, file, ingest.archiveRoot(), ingest.zone(), service.warnings());
    return new Loaded(ingest, service, syncthing, notify);
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
    var listen = ServiceSettings.fromConfig(ConfigLoader.load(file), file, System.getenv()).listen();
    return listen.getHostString() + ":" + listen.getPort();
  }

  private static SyncthingClient client(ServiceSettings service) throws ConfigException {
    try {
      return new SyncthingClient(service.syncthingUrl(), service.syncthingKey());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage());
    }
  }
}
