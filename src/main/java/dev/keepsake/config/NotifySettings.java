package dev.keepsake.config;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

/**
 * The {@code notify:} section, resolved: recipients, SMTP (or the outbox when there is none), digest
 * timings and the weekly report's slot.
 *
 * @param smtpHost null when mail goes to the outbox
 * @param smtpPassword read from {@code password-file}; never logged
 * @param outboxConfinedTo the folder the outbox is reached from without following links: the archive
 *     root when the outbox is inside the archive (the default), else the outbox itself
 */
public record NotifySettings(
    List<String> to, String from, String smtpHost, int smtpPort, boolean starttls, boolean tls, String smtpUser,
    String smtpPassword, Duration timeout, Path outbox, Duration groupWait, Duration groupInterval,
    Duration repeatInterval, Duration resolveAfter, Duration stallAfter, DayOfWeek reportDay, LocalTime reportAt,
    ZoneId reportZone, Path outboxConfinedTo) {

  public static NotifySettings from(KeepsakeConfig config, Path configFile, Path archiveRoot, ZoneId archiveZone,
      List<String> warnings) throws ConfigException {
    Path base = configFile == null ? Path.of(".").toAbsolutePath() : configFile.toAbsolutePath().getParent();
    KeepsakeConfig.Notify n = config == null ? null : config.notifications();
    List<String> to = n == null || n.to() == null ? List.of() : List.copyOf(n.to());
    String from = n == null || n.from() == null ? "keepsake@localhost" : n.from();
    Path outbox = n == null || n.outbox() == null ? archiveRoot.resolve(".keepsake/outbox") : base.resolve(n.outbox());
    KeepsakeConfig.Smtp smtp = n == null ? null : n.smtp();
    String host = null;
    int port = 587;
    boolean starttls = false;
    boolean tls = false;
    String user = null;
    String password = null;
    Duration timeout = Duration.ofSeconds(30);
    if (smtp != null && smtp.host() != null) {
      if (to.isEmpty()) {
        throw new ConfigException("notify.to is empty: name at least one address to mail (or drop notify.smtp to use the outbox)");
      }
      host = smtp.host();
      tls = Boolean.TRUE.equals(smtp.tls());
      starttls = smtp.starttls() == null ? !tls : smtp.starttls();
      if (tls && starttls) {
        throw new ConfigException("notify.smtp: set tls (implicit TLS, usually port 465) or starttls (usually 587), not both");
      }
      port = smtp.port() != null ? smtp.port() : tls ? 465 : 587;
      user = smtp.username();
      if (smtp.passwordFile() != null) {
        password = SecretFile.read("notify.smtp.password-file", base.resolve(smtp.passwordFile()), warnings);
      }
      if (user != null && password == null) {
        throw new ConfigException("notify.smtp.username is set but password-file is not");
      }
      if (user != null && !tls && !starttls) {
        if (!Boolean.TRUE.equals(smtp.allowPlaintextAuth())) {
          throw new ConfigException("notify.smtp: username is set but neither starttls nor tls is on, so the password"
              + " would cross the network in plain text; set starttls: true (usually port 587) or tls: true (465),"
              + " or allow-plaintext-auth: true if the server is on this machine or a trusted link");
        }
        warnings.add("notify.smtp: the SMTP password is sent without TLS (allow-plaintext-auth: true); anyone on the"
            + " path to " + host + " can read it");
      }
      if (smtp.timeout() != null) {
        timeout = Durations.parse("notify.smtp.timeout", smtp.timeout());
      }
    }
    KeepsakeConfig.Digest d = n == null ? null : n.digest();
    Duration groupWait = duration("notify.digest.group-wait", d == null ? null : d.groupWait(), Duration.ofMinutes(2));
    Duration groupInterval = duration("notify.digest.group-interval", d == null ? null : d.groupInterval(), Duration.ofMinutes(30));
    Duration repeat = duration("notify.digest.repeat-interval", d == null ? null : d.repeatInterval(), Duration.ofHours(24));
    Duration resolve = duration("notify.digest.resolve-after", d == null ? null : d.resolveAfter(), Duration.ofHours(2));
    Duration stall = duration("notify.digest.stall-after", d == null ? null : d.stallAfter(), Duration.ofHours(6));
    KeepsakeConfig.WeeklyReport w = n == null ? null : n.weeklyReport();
    DayOfWeek day = DayOfWeek.MONDAY;
    LocalTime at = LocalTime.of(8, 0);
    ZoneId zone = archiveZone;
    try {
      if (w != null && w.day() != null) {
        day = DayOfWeek.valueOf(w.day().toUpperCase(Locale.ROOT));
      }
    } catch (IllegalArgumentException e) {
      throw new ConfigException("notify.weekly-report.day: '" + w.day() + "' is not a day; write MONDAY … SUNDAY");
    }
    try {
      if (w != null && w.at() != null) {
        at = LocalTime.parse(w.at());
      }
    } catch (DateTimeException e) {
      throw new ConfigException("notify.weekly-report.at: '" + w.at() + "' is not a time; write it like \"08:00\"");
    }
    try {
      if (w != null && w.zone() != null) {
        zone = ZoneId.of(w.zone());
      }
    } catch (DateTimeException e) {
      throw new ConfigException("notify.weekly-report.zone: '" + w.zone() + "' is not a time zone");
    }
    return new NotifySettings(to, from, host, port, starttls, tls, user, password, timeout, outbox, groupWait,
        groupInterval, repeat, resolve, stall, day, at, zone,
        outbox.toAbsolutePath().normalize().startsWith(archiveRoot.toAbsolutePath().normalize()) ? archiveRoot : outbox);
  }

  private static Duration duration(String key, String text, Duration fallback) throws ConfigException {
    return text == null ? fallback : Durations.parse(key, text);
  }

  @Override
  public String toString() { // never the password
    return "notify to " + to + (smtpHost == null ? " via outbox " + outbox : " via " + smtpHost + ":" + smtpPort);
  }
}
