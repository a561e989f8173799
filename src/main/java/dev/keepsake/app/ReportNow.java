package dev.keepsake.app;

import dev.keepsake.archive.ArchiveRoot;
import dev.keepsake.config.IngestSettings;
import dev.keepsake.ledger.Ledger;
import dev.keepsake.ledger.ReportQueries;
import dev.keepsake.notify.MailMessage;
import dev.keepsake.notify.WeeklyReport;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The ingest report on demand ({@code keepsake report}): the same report the service mails weekly,
 * for any span, read from the ledger beside a running service (no lock; the ledger only read).
 */
public final class ReportNow {
  private ReportNow() {}

  /**
   * @param reportZone the zone the report's times are written in
   * @throws dev.keepsake.ledger.LedgerException when there is no ledger or it cannot be read
   */
  public static MailMessage build(IngestSettings ingest, ZoneId reportZone, Instant from, Instant until, Clock clock) {
    try (Ledger ledger = Keepsake.shared(ingest.effectiveLedgerFile(), clock)) {
      return WeeklyReport.build(new ReportQueries(ledger), from, until, reportZone,
          new WeeklyReport.Extra(ArchiveRoot.freeSpace(ingest.archiveRoot()), null), Service.hostName());
    }
  }
}
