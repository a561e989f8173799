package dev.keepsake.app;

import dev.keepsake.archive.ArchiveRoot;
import dev.keepsake.archive.ContentHash;
import dev.keepsake.ledger.ArchivedContent;
import dev.keepsake.ledger.FileHistory;
import dev.keepsake.ledger.Ledger;
import dev.keepsake.ledger.ReportQueries;
import dev.keepsake.server.ArchiveView;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/** The page's view of the archive, read from the service's open ledger. */
final class LedgerArchiveView implements ArchiveView {
  private final Ledger ledger;
  private final Path archiveRoot;
  private final ZoneId zone;

  LedgerArchiveView(Ledger ledger, Path archiveRoot, ZoneId zone) {
    this.ledger = ledger;
    this.archiveRoot = archiveRoot;
    this.zone = zone;
  }

  @Override
  public List<ArchivedContent> recent(int n) {
    return ledger.files().recent(n);
  }

  @Override
  public Map<LocalDate, Long> perDay(LocalDate from, LocalDate to) {
    return new ReportQueries(ledger).filesPerDay(from.atStartOfDay(zone).toInstant(), to.plusDays(1).atStartOfDay(zone).toInstant(), zone);
  }

  @Override
  public long[] totals() {
    return new ReportQueries(ledger).archiveTotals();
  }

  @Override
  public long freeBytes() {
    return ArchiveRoot.freeSpace(archiveRoot);
  }

  @Override
  public List<FoundFile> find(String question) {
    return new FileHistory(ledger).find(question, FileStories.LIMIT).stream().map(e -> {
      List<String> lines = FileStories.lines(e, zone);
      return new FoundFile(lines.get(0), lines.subList(1, lines.size()), e);
    }).toList();
  }

  @Override
  public List<dev.keepsake.ledger.RetrySchedule.Settled> recentLosses(String source) {
    return ledger.retries().losses(source, java.time.Instant.now().minus(java.time.Duration.ofDays(30)), 5);
  }

  @Override
  public String archivePathOf(String hashHex) {
    return ledger.files().content(new ContentHash(hashHex)).map(ArchivedContent::archivePath).orElse(null);
  }
}
