package dev.keepsake.server;

import dev.keepsake.ledger.ArchivedContent;
import dev.keepsake.ledger.FileHistory;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What the status page and {@code /api/files} read of the archive, beyond the service's counters:
 * given by the composition root over the open ledger. Every answer is bounded (a page, a window).
 */
public interface ArchiveView {
  /** One file a question found: a title line, its story a step per line (as {@code keepsake why} prints it). */
  record FoundFile(String title, List<String> story, FileHistory.Entry entry) {}

  /** The {@code n} files archived last, newest first. */
  List<ArchivedContent> recent(int n);

  /** Files archived per day from {@code from} to {@code to} (inclusive), days in the archive zone. */
  Map<LocalDate, Long> perDay(LocalDate from, LocalDate to);

  /** Files in the archive and their bytes. */
  long[] totals();

  /** Free bytes on the archive's disk (-1 when unknown). */
  long freeBytes();

  /** The files a question names (source path, archive path or bare name), a bounded number. */
  List<FoundFile> find(String question);

  /** Files of {@code source} that left it before they could be archived, in the last 30 days, newest first (at most 5). */
  List<dev.keepsake.ledger.RetrySchedule.Settled> recentLosses(String source);

  /** The archive path of the content with this SHA-256 (hex), or null when the ledger knows none. */
  String archivePathOf(String hashHex);
}
