package dev.keepsake.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keepsake.failure.FailureKind;
import dev.keepsake.ledger.Ledger;
import dev.keepsake.source.Source;
import dev.keepsake.source.SourceFile;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The retry book holds a bounded number of a source's waiting paths, however many fail in one pass. */
@Timeout(60)
class RetryBookTest {
  @TempDir Path tmp;

  @Test
  void aPassThatFailsFileAfterFileStopsHoldingTheirPathsPastItsBoundAndStillSettlesThem() {
    Clock clock = Clock.fixed(Instant.parse("2026-12-01T18:00:00Z"), ZoneOffset.UTC);
    Source source = Source.of("pixel", tmp);
    try (Ledger ledger = Ledger.open(tmp.resolve("ledger.db"), clock)) {
      RetryBook book = new RetryBook(ledger.retries(), new RetryPolicy(Duration.ofMinutes(1), Duration.ofHours(1), new Random(1)), 50);
      for (int i = 0; i < 120; i++) { // a full disk: every file of the pass fails
        book.note(FileOutcome.failed(file(source, i), FailureKind.DISK_FULL, "IMG_" + i + ".jpg: the archive disk is full"));
        assertThat(book.heldPaths("pixel")).as("after %d failures", i + 1).isLessThanOrEqualTo(50);
      }
      assertThat(book.heldPaths("pixel")).isEqualTo(-1); // too many to hold: the ledger is asked
      assertThat(ledger.retries().summary("pixel").count()).isEqualTo(120);

      book.note(FileOutcome.archived(file(source, 7), "2026/12/IMG_7.jpg", 10, null)); // room again: one gets through
      assertThat(ledger.retries().summary("pixel").count()).isEqualTo(119);
      assertThat(ledger.retries().ofSource("pixel", 200)).noneMatch(e -> e.path().equals("DCIM/IMG_7.jpg"));
    }
  }

  private static SourceFile file(Source source, int i) {
    return new SourceFile(source, "DCIM/IMG_" + i + ".jpg", 10, FileTime.fromMillis(0), "", null);
  }
}
