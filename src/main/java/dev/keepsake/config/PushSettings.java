package dev.keepsake.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The push channels under {@code notify:} (each optional, any combination), resolved: URLs checked,
 * tokens read from their files (never from the config itself, never logged), and where a push's
 * click leads ({@code server.public-url}).
 *
 * @param ntfy null when not configured (likewise each channel)
 * @param weeklyPush whether push channels get a one-line weekly summary ({@code notify.weekly-report.push})
 */
public record PushSettings(Ntfy ntfy, Gotify gotify, Webhook webhook, Ping ping, String publicUrl, boolean weeklyPush,
    Duration timeout) {
  public record Ntfy(String url, String topic, String token) {}

  public record Gotify(String url, String token) {}

  public record Webhook(String url, String token) {}

  public record Ping(String url, Duration every) {}

  public static final PushSettings NONE = new PushSettings(null, null, null, null, null, false, Duration.ofSeconds(10));

  public boolean any() {
    return ntfy != null || gotify != null || webhook != null || ping != null;
  }

  /** The names of the configured digest channels, in config order (the ping is not one). */
  public List<String> channelNames() {
    List<String> names = new ArrayList<>();
    if (ntfy != null) {
      names.add("ntfy");
    }
    if (gotify != null) {
      names.add("gotify");
    }
    if (webhook != null) {
      names.add("webhook");
    }
    return names;
  }

  public static PushSettings from(KeepsakeConfig config, Path configFile, List<String> warnings) throws ConfigException {
    KeepsakeConfig.Notify n = config == null ? null : config.notifications();
    String publicUrl = config == null || config.server() == null ? null : config.server().publicUrl();
    if (publicUrl != null && !publicUrl.matches("https?://\\S+")) {
      throw new ConfigException("server.public-url: '" + publicUrl + "' is not an http(s) URL (the status page as the owner"
          + " reaches it, e.g. https://nas.example/keepsake/)");
    }
    if (n == null) {
      return new PushSettings(null, null, null, null, publicUrl, false, NONE.timeout());
    }
    Path base = configFile == null ? Path.of(".").toAbsolutePath() : configFile.toAbsolutePath().getParent();
    Ntfy ntfy = null;
    if (n.ntfy() != null) {
      url("notify.ntfy.url", n.ntfy().url(), warnings);
      if (n.ntfy().topic() == null || !n.ntfy().topic().matches("[A-Za-z0-9_-]{1,64}")) {
        throw new ConfigException("notify.ntfy.topic: '" + n.ntfy().topic() + "' is not a topic name (letters, digits, _ and -;"
            + " pick one nobody guesses on a public server)");
      }
      ntfy = new Ntfy(n.ntfy().url(), n.ntfy().topic(), n.ntfy().tokenFile() == null ? null
          : SecretFile.read("notify.ntfy.token-file", base.resolve(n.ntfy().tokenFile()), warnings));
    }
    Gotify gotify = null;
    if (n.gotify() != null) {
      url("notify.gotify.url", n.gotify().url(), warnings);
      if (n.gotify().tokenFile() == null) {
        throw new ConfigException("notify.gotify.token-file: Gotify needs an application token (Gotify → Apps → create app),"
            + " kept in a file of its own");
      }
      gotify = new Gotify(n.gotify().url(), SecretFile.read("notify.gotify.token-file", base.resolve(n.gotify().tokenFile()), warnings));
    }
    Webhook webhook = null;
    if (n.webhook() != null) {
      url("notify.webhook.url", n.webhook().url(), warnings);
      if (n.webhook().format() != null && !n.webhook().format().equals("json")) {
        throw new ConfigException("notify.webhook.format: '" + n.webhook().format() + "' is not known; the one format is json");
      }
      webhook = new Webhook(n.webhook().url(), n.webhook().tokenFile() == null ? null
          : SecretFile.read("notify.webhook.token-file", base.resolve(n.webhook().tokenFile()), warnings));
    }
    Ping ping = null;
    if (n.ping() != null) {
      url("notify.ping.url", n.ping().url(), warnings);
      Duration every = n.ping().every() == null ? Duration.ofMinutes(5) : Durations.parse("notify.ping.every", n.ping().every());
      ping = new Ping(n.ping().url(), every);
    }
    boolean weekly = n.weeklyReport() != null && Boolean.TRUE.equals(n.weeklyReport().push());
    return new PushSettings(ntfy, gotify, webhook, ping, publicUrl, weekly, NONE.timeout());
  }

  private static void url(String key, String url, List<String> warnings) throws ConfigException {
    if (url == null || !url.matches("https?://[^\\s/]+.*")) {
      throw new ConfigException(key + ": '" + url + "' is not an http(s) URL");
    }
    if (url.startsWith("http://") && !url.matches("http://(127\\.0\\.0\\.1|localhost|\\[::1\\])([:/].*)?")) {
      warnings.add(key + ": " + url.replaceAll("\\?.*", "") + " is plain http beyond this machine: messages (and a token)"
          + " cross the network readable; use https");
    }
  }
}
