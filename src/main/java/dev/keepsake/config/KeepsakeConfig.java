package dev.keepsake.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The configuration file, key for key (see {@code config/keepsake.example.yaml}). Records keep their
 * YAML names in kebab-case; absent keys are {@code null} and take defaults where they are used.
 */
public record KeepsakeConfig(
    Archive archive,
    Map<String, SourceEntry> sources,
    Syncthing syncthing,
    String ledger,
    String settle,
    Reconcile reconcile,
    @JsonProperty("notify") Notify notifications,
    Server server,
    Verify verify,
    Retry retry,
    Silence silence) {

  /** {@code silence:} when a phone that went quiet is said to be silent. */
  public record Silence(Double factor, String min) {}

  /** {@code retry:} when a file that failed is tried again on its own. */
  public record Retry(String first, String max) {}

  /** {@code verify:} the service's scheduled, sampled re-hash of the archive. */
  public record Verify(String every, Integer sample) {}

  /** {@code archive:} where files go and how they are named. */
  public record Archive(String root, String layout, String zone, String umask) {}

  /** One entry under {@code sources:}. */
  public record SourceEntry(
      String path, String syncthingFolder, List<String> include, List<String> exclude, Boolean includeOther) {}

  /** {@code syncthing:} the REST API of the NAS's Syncthing. */
  public record Syncthing(String url, String apiKeyFile, String apiKeyEnv) {}

  /** {@code reconcile:} how often the safety-net scan runs. */
  public record Reconcile(String every) {}

  /** {@code notify:} who hears about errors and the weekly report, and how. */
  public record Notify(
      List<String> to, String from, Smtp smtp, Digest digest, WeeklyReport weeklyReport, String outbox,
      Ntfy ntfy, Gotify gotify, Webhook webhook, Ping ping) {}

  /** {@code notify.ntfy:} an ntfy server and topic. */
  public record Ntfy(String url, String topic, String tokenFile) {}

  /** {@code notify.gotify:} a Gotify server and an application token. */
  public record Gotify(String url, String tokenFile) {}

  /** {@code notify.webhook:} a URL that takes the digest as JSON. */
  public record Webhook(String url, String tokenFile, String format) {}

  /** {@code notify.ping:} a dead-man switch (healthchecks-style URL). */
  public record Ping(String url, String every) {}

  /** {@code notify.smtp:} the mail server. */
  public record Smtp(
      String host, Integer port, Boolean starttls, Boolean tls, String username, String passwordFile, String timeout,
      Boolean allowPlaintextAuth) {}

  /** {@code notify.digest:} the error digest's timing. */
  public record Digest(
      String groupWait, String groupInterval, String repeatInterval, String resolveAfter, String stallAfter) {}

  /** {@code notify.weekly-report:} when the weekly report goes out. */
  public record WeeklyReport(String day, String at, String zone, Boolean push) {}

  /** {@code server:} the loopback HTTP server. */
  public record Server(String listen, String tokenFile, String publicUrl) {}
}
