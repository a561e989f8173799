package dev.keepsake.config;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * What the service needs beyond an ingest: timings, Syncthing's URL and key, the HTTP address.
 *
 * @param syncthingUrl null when the config has no {@code syncthing:} section
 * @param syncthingKey the API key read from {@code api-key-file} or {@code api-key-env}; never logged
 * @param warnings things worth saying at start (a world-readable secret file)
 */
public record ServiceSettings(
    Duration settle, Duration reconcileEvery, String syncthingUrl, String syncthingKey, InetSocketAddress listen,
    String token, java.util.List<String> warnings, Duration verifyEvery, int verifySample, Duration retryFirst,
    Duration retryMax, double silenceFactor, Duration silenceMin) {

  /** The first wait before a failed file is tried again; it doubles up to {@link #DEFAULT_RETRY_MAX}. */
  public static final Duration DEFAULT_RETRY_FIRST = Duration.ofMinutes(1);
  public static final Duration DEFAULT_RETRY_MAX = Duration.ofHours(1);

  public static final String DEFAULT_LISTEN = "127.0.0.1:8787";
  public static final String DEFAULT_SYNCTHING_URL = "http://127.0.0.1:8384";

  /** Defaults for a service set up by flags alone: no Syncthing, loopback HTTP. */
  public static ServiceSettings defaults(String listen) throws ConfigException {
    return new ServiceSettings(Duration.ofSeconds(5), Duration.ofHours(6), null, null,
        address("--listen", listen == null ? DEFAULT_LISTEN : listen), null, new java.util.ArrayList<>(),
        Duration.ofDays(30), 1000, DEFAULT_RETRY_FIRST, DEFAULT_RETRY_MAX, 3, Duration.ofDays(2));
  }

  /** A copy listening on {@code listen} instead (the {@code --listen} flag). */
  public ServiceSettings withListen(InetSocketAddress other) {
    return new ServiceSettings(settle, reconcileEvery, syncthingUrl, syncthingKey, other, token, warnings, verifyEvery,
        verifySample, retryFirst, retryMax, silenceFactor, silenceMin);
  }

  public static ServiceSettings fromConfig(KeepsakeConfig config, Path configFile, Map<String, String> env)
      throws ConfigException {
    Path base = configFile.toAbsolutePath().getParent();
    java.util.List<String> warnings = new java.util.ArrayList<>();
    Duration settle = config.settle() == null ? Duration.ofSeconds(5) : Durations.parse("settle", config.settle());
    Duration every = config.reconcile() == null || config.reconcile().every() == null
        ? Duration.ofHours(6) : Durations.parse("reconcile.every", config.reconcile().every());
    if (every.compareTo(Duration.ofMinutes(1)) < 0) {
      throw new ConfigException("reconcile.every: " + config.reconcile().every() + " is too often; at least 1m (default 6h)");
    }
    String url = null;
    String key = null;
    KeepsakeConfig.Syncthing st = config.syncthing();
    if (st != null) {
      url = st.url() == null ? DEFAULT_SYNCTHING_URL : st.url();
      if (st.apiKeyFile() != null) {
        key = secret("syncthing.api-key-file", base.resolve(st.apiKeyFile()), warnings);
      } else if (st.apiKeyEnv() != null) {
        key = env.get(st.apiKeyEnv());
        if (key == null || key.isBlank()) {
          throw new ConfigException("syncthing.api-key-env: the variable " + st.apiKeyEnv() + " is not set");
        }
        key = key.strip();
      } else {
        throw new ConfigException("syncthing: needs api-key-file (a file holding Syncthing's API key, from its GUI"
            + " settings or config.xml) or api-key-env");
      }
    }
    KeepsakeConfig.Server server = config.server();
    InetSocketAddress listen = address("server.listen", server == null || server.listen() == null ? DEFAULT_LISTEN : server.listen());
    String token = server == null || server.tokenFile() == null ? null
        : secret("server.token-file", base.resolve(server.tokenFile()), warnings);
    Duration verifyEvery = config.verify() == null || config.verify().every() == null ? Duration.ofDays(30)
        : Durations.parse("verify.every", config.verify().every());
    int verifySample = config.verify() == null || config.verify().sample() == null ? 1000 : config.verify().sample();
    if (verifySample < 1) {
      throw new ConfigException("verify.sample: " + verifySample + " must be at least 1");
    }
    KeepsakeConfig.Retry r = config.retry();
    Duration retryFirst = r == null || r.first() == null ? DEFAULT_RETRY_FIRST : Durations.parse("retry.first", r.first());
    Duration retryMax = r == null || r.max() == null ? DEFAULT_RETRY_MAX : Durations.parse("retry.max", r.max());
    if (retryFirst.isZero() || retryMax.compareTo(retryFirst) < 0) {
      throw new ConfigException("retry: first (" + retryFirst + ") must be above zero and max (" + retryMax
          + ") at least first; defaults 1m and 1h");
    }
    KeepsakeConfig.Silence q = config.silence();
    double silenceFactor = q == null || q.factor() == null ? 3 : q.factor();
    if (silenceFactor < 1) {
      throw new ConfigException("silence.factor: " + silenceFactor + " must be at least 1 (default 3: three times the usual gap)");
    }
    Duration silenceMin = q == null || q.min() == null ? Duration.ofDays(2) : Durations.parse("silence.min", q.min());
    return new ServiceSettings(settle, every, url, key, listen, token, warnings, verifyEvery, verifySample, retryFirst,
        retryMax, silenceFactor, silenceMin);
  }

  private static String secret(String key, Path file, java.util.List<String> warnings) throws ConfigException {
    return SecretFile.read(key, file, warnings);
  }

  public static InetSocketAddress address(String key, String text) throws ConfigException {
    int colon = text.lastIndexOf(':');
    try {
      String host = text.substring(0, colon).replace("[", "").replace("]", "");
      int port = Integer.parseInt(text.substring(colon + 1));
      return new InetSocketAddress(host, port);
    } catch (RuntimeException e) {
      throw new ConfigException(key + ": '" + text + "' is not host:port; write it like " + DEFAULT_LISTEN);
    }
  }
}
