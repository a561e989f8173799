package dev.keepsake.notify;

import dev.keepsake.ledger.Ledger;
import dev.keepsake.ledger.ReportQueries;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the weekly report once per slot ({@code notify.weekly-report}: day, time, zone — local time,
 * so it stays at 08:00 across daylight-saving changes). The last slot sent is kept in the ledger, so
 * a restart neither repeats nor skips one; the first start only notes the current slot.
 */
public final class WeeklyReportJob {
  private static final Logger log = LoggerFactory.getLogger(WeeklyReportJob.class);
  private static final String LAST_SLOT = "report.last-slot";

  private final Ledger ledger;
  private final MailTransport transport;
  private final DayOfWeek day;
  private final LocalTime at;
  private final ZoneId zone;
  private final Supplier<WeeklyReport.Extra> extra;
  private final String host;

  public WeeklyReportJob(Ledger ledger, MailTransport transport, DayOfWeek day, LocalTime at, ZoneId zone,
      Supplier<WeeklyReport.Extra> extra, String host) {
    this.ledger = ledger;
    this.transport = transport;
    this.day = day;
    this.at = at;
    this.zone = zone;
    this.extra = extra;
    this.host = host;
  }

  private java.util.List<String> pushChannels = java.util.List.of();

  /**
   * Push channels that get a one-line weekly summary ({@code notify.weekly-report.push: true}); the
   * report itself stays mail-only. Queued for each channel, delivered by the notifier's ticks.
   */
  public WeeklyReportJob withPush(java.util.List<String> channelNames) {
    this.pushChannels = java.util.List.copyOf(channelNames);
    return this;
  }

  /** Sends the report if a slot has passed since the last one sent; returns it, or null. */
  public MailMessage tick(Instant now) {
    Instant slot = WeeklyReport.lastSlot(now, day, at, zone);
    String last = ledger.marks().get(LAST_SLOT);
    if (last == null) {
      ledger.marks().put(LAST_SLOT, slot.toString());
      return null;
    }
    if (!Instant.parse(last).isBefore(slot)) {
      return null;
    }
    Instant since = slot.atZone(zone).minusWeeks(1).toInstant();
    MailMessage report = WeeklyReport.build(new ReportQueries(ledger), since, slot, zone, extra.get(), host);
    try {
      transport.send(report);
    } catch (MailException e) {
      log.warn("cannot send the weekly report via {}: {} (retrying)", transport.describe(), e.getMessage());
      return null;
    }
    ledger.marks().put(LAST_SLOT, slot.toString());
    log.info("sent the weekly report: {}", report.subject());
    if (!pushChannels.isEmpty()) {
      String line = report.subject().replaceFirst("^\\[[^]]*] ", "");
      String body = line + (extra.get().safeLines().isEmpty() ? "" : "\n" + String.join("\n", extra.get().safeLines()));
      ledger.outgoing().queue(pushChannels.stream().map(channel -> new dev.keepsake.ledger.Outgoing.Message(0, channel, now,
          report.subject(), body, null, null, "LOW", java.util.List.of("bar_chart"), null,
          "{\"reason\":\"weekly-report\",\"summary\":" + new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(line)
              + "}")).toList());
    }
    return report;
  }
}
