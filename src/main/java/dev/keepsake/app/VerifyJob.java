package dev.keepsake.app;

import dev.keepsake.archive.Verifier;
import dev.keepsake.failure.FailureKind;
import dev.keepsake.ledger.ArchivedContent;
import dev.keepsake.ledger.Ledger;
import dev.keepsake.notify.ErrorJournal;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-hashing the archive against the ledger: once on demand ({@code keepsake verify}) or a sample
 * on a schedule inside the service. Memory holds at most the sample: a full check reads the ledger
 * page by page.
 */
public final class VerifyJob {
  private static final Logger log = LoggerFactory.getLogger(VerifyJob.class);
  static final String LAST_RUN_MARK = "verify.last";

  private VerifyJob() {}

  /** Which files to check. */
  public sealed interface Selection {
    /** Every file archived since {@code from} (null: every file); also lists files the ledger does not know. */
    record All(Instant from) implements Selection {}

    /** {@code count} files chosen at random. */
    record Sample(int count) implements Selection {}
  }

  /** Told the plan (files, bytes) once, then the size of each file checked. */
  public interface Progress {
    void plan(long files, long bytes);

    void advance(long bytes);
  }

  /**
   * One check of the archive at {@code root} against the ledger at {@code ledgerFile}, beside a
   * running service if there is one (no lock is taken: it only reads the archive).
   *
   * @throws dev.keepsake.ledger.LedgerException when the ledger cannot be opened
   * @throws IOException when the archive cannot be walked
   */
  public static Verifier.Result once(Path root, Path ledgerFile, Selection selection, Progress progress,
      Verifier.Findings findings) throws IOException {
    try (Ledger ledger = Keepsake.shared(ledgerFile, Clock.systemUTC())) {
      Verifier.ExpectedFiles expected;
      if (selection instanceof Selection.Sample sample) {
        List<ArchivedContent> chosen = ledger.files().sampleContents(sample.count());
        progress.plan(chosen.size(), chosen.stream().mapToLong(ArchivedContent::bytes).sum());
        expected = each -> chosen.forEach(c -> each.accept(expected(c)));
        return new Verifier(root).verify(expected, ledger.files()::hasArchivePath, progress::advance, findings);
      }
      Instant from = ((Selection.All) selection).from();
      long[] totals = ledger.files().contentTotals(from);
      progress.plan(totals[0], totals[1]);
      expected = each -> ledger.files().forEachContent(from, c -> each.accept(expected(c)));
      return new Verifier(root).verify(expected, ledger.files()::hasArchivePath, progress::advance, findings);
    }
  }

  /**
   * The service's check: every {@code every} (default 30 days) a sample of {@code sampleSize}
   * files is re-hashed; missing or corrupt files go into the digest. The last run is kept in the
   * ledger, so a restart does not repeat it; the first start only sets the clock going.
   */
  static void scheduled(Ledger ledger, ErrorJournal journal, Path archiveRoot, Duration every, int sampleSize,
      Clock clock) {
    String last = ledger.marks().get(LAST_RUN_MARK);
    Instant now = clock.instant();
    if (last == null) {
      ledger.marks().put(LAST_RUN_MARK, now.toString());
      return;
    }
    if (Instant.parse(last).plus(every).isAfter(now)) {
      return;
    }
    List<ArchivedContent> sample = ledger.files().sampleContents(sampleSize);
    try {
      var result = new Verifier(archiveRoot).verify(each -> sample.forEach(c -> each.accept(expected(c))), null,
          size -> { }, new Verifier.Findings() {
            @Override
            public void missing(String p) {
              journal.record(FailureKind.ARCHIVE_MISSING, null, p, p + " is missing from the archive (verify found it gone);"
                  + " restore it from a backup");
            }

            @Override
            public void corrupt(String p, String why) {
              journal.record(FailureKind.ARCHIVE_CORRUPT, null, p, p + ": " + why + "; restore it from a backup");
            }
          });
      log.info("scheduled {}", result.line());
      ledger.marks().put(LAST_RUN_MARK, now.toString());
    } catch (IOException e) {
      log.warn("scheduled verify failed: {}", e.getMessage());
    }
  }

  private static Verifier.Expected expected(ArchivedContent c) {
    return new Verifier.Expected(c.archivePath(), c.hash());
  }
}
