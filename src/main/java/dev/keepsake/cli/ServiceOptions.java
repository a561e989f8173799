package dev.keepsake.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --config} and {@code --server}, for commands that talk to a running service (hook, status). */
final class ServiceOptions {
  @Option(names = "--config", paramLabel = "FILE", description = "Config file (default /etc/keepsake/keepsake.yaml).")
  Path config;

  @Option(names = "--server", paramLabel = "HOST:PORT", description = "The service's address (default server.listen, 127.0.0.1:8787).")
  String server;

  /** The config file to read: the one given, else the default. */
  Path configFile() {
    return config != null ? config : ConfigSources.DEFAULT_CONFIG;
  }

  /** Whether there is a config to read: one was given, or the default exists. */
  boolean hasConfig() {
    return config != null || Files.exists(ConfigSources.DEFAULT_CONFIG);
  }
}
