package dev.keepsake.ingest;

import static dev.keepsake.testing.JpegFixture.jpeg;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keepsake.app.Keepsake;
import dev.keepsake.ledger.Ledger;
import dev.keepsake.ledger.RetrySchedule;
import dev.keepsake.source.Source;
import dev.keepsake.testing.FakeClock;
import dev.keepsake.testing.RecordingListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Failed files on the ledger's retry schedule: doubling waits, kept across restarts, left when archived or lost. */
@Timeout(30)
class RetryScheduleTest {
  static final Instant T0 = Instant.parse("2026-12-01T18:00:00Z");
  @TempDir Path tmp;
  Path phone;
  Path archive;
  final FakeClock clock = new FakeClock(T0);
  final RecordingListener recorded = new RecordingListener();
  final RetryPolicy policy = new RetryPolicy(Duration.ofMinutes(1), Duration.ofHours(1), new Random(1));

  @BeforeEach
  void setUp() throws Exception {
    phone = Files.createDirectories(tmp.resolve("phone/DCIM"));
    archive = Files.createDirectory(tmp.resolve("archive"));
  }

  private IngestSummary pass() throws Exception {
    try (Keepsake keepsake = Keepsake.open(IngestOptions.defaults(archive, ZoneOffset.UTC).withClock(clock));
        Archiver archiver = keepsake.archiver(recorded, s -> Duration.ZERO, policy)) {
      return archiver.reconcile(List.of(Source.of("pixel", phone.getParent())));
    }
  }

  private IngestSummary paths(String... paths) throws Exception {
    try (Keepsake keepsake = Keepsake.open(IngestOptions.defaults(archive, ZoneOffset.UTC).withClock(clock));
        Archiver archiver = keepsake.archiver(recorded, s -> Duration.ZERO, policy)) {
      return archiver.ingestPaths(Source.of("pixel", phone.getParent()), List.of(paths));
    }
  }

  private List<RetrySchedule.Entry> waiting() {
    try (Ledger ledger = Ledger.open(archive.resolve(".keepsake/ledger.db"), clock)) {
      return ledger.retries().ofSource("pixel", 10);
    }
  }

  private List<RetrySchedule.Entry> due(Instant at) {
    try (Ledger ledger = Ledger.open(archive.resolve(".keepsake/ledger.db"), clock)) {
      return ledger.retries().due(at, 10);
    }
  }

  private List<RetrySchedule.Settled> settled() {
    try (Ledger ledger = Ledger.open(archive.resolve(".keepsake/ledger.db"), clock)) {
      return ledger.retries().settledSince("io-error", "pixel", T0, 10);
    }
  }

  @Test
  void stepsDoubleFromFirstUpToMaxAndJitterOnlyShortensThem() {
    assertThat(List.of(1, 2, 3, 4, 5, 6, 7, 8, 30).stream().map(policy::step).toList()).containsExactly(
        Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(4), Duration.ofMinutes(8), Duration.ofMinutes(16),
        Duration.ofMinutes(32), Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(1));
    for (int n = 1; n < 10; n++) {
      Duration d = policy.delay(n);
      assertThat(d).isLessThanOrEqualTo(policy.step(n)).isGreaterThanOrEqualTo(policy.step(n).multipliedBy(3).dividedBy(4));
    }
  }

  @Test
  void aFileBlockedInTheArchiveWaitsOnTheScheduleAcrossRestartsAndLeavesItArchived() throws Exception {
    Files.write(phone.resolve("IMG_1.jpg"), jpeg().original("2023:09:16 12:34:56").bytes());
    Files.writeString(archive.resolve("2023"), "a file where the year's folder belongs");
    assertThat(pass().failed()).isEqualTo(1);
    RetrySchedule.Entry first = waiting().get(0);
    assertThat(first.path()).isEqualTo("DCIM/IMG_1.jpg");
    assertThat(first.kind()).isEqualTo("io-error");
    assertThat(first.failures()).isEqualTo(1);
    assertThat(Duration.between(T0, first.nextAt())).isBetween(Duration.ofSeconds(45), Duration.ofMinutes(1));
    assertThat(due(T0)).isEmpty();

    clock.advance(Duration.ofMinutes(1));
    assertThat(due(clock.instant())).extracting(RetrySchedule.Entry::path).containsExactly("DCIM/IMG_1.jpg");
    paths("DCIM/IMG_1.jpg"); // still blocked: the next wait doubles (the schedule survived the reopen)
    RetrySchedule.Entry second = waiting().get(0);
    assertThat(second.failures()).isEqualTo(2);
    assertThat(second.firstFailed()).isEqualTo(T0);
    assertThat(Duration.between(clock.instant(), second.nextAt())).isBetween(Duration.ofSeconds(90), Duration.ofMinutes(2));

    Files.delete(archive.resolve("2023")); // the owner fixes the archive
    clock.advance(Duration.ofMinutes(2));
    assertThat(paths("DCIM/IMG_1.jpg").archived()).isEqualTo(1);
    assertThat(waiting()).isEmpty();
    assertThat(settled()).singleElement()
        .satisfies(e -> assertThat(e.outcome()).isEqualTo(RetrySchedule.Outcome.ARCHIVED));
  }

  @Test
  void aWaitingFileThatLeavesTheSourceUnarchivedIsLoggedAsLost() throws Exception {
    Path photo = Files.write(phone.resolve("IMG_2.jpg"), jpeg().original("2023:09:16 12:34:56").bytes());
    Files.writeString(archive.resolve("2023"), "in the way");
    pass();
    Files.delete(photo); // deleted on the phone before the archive was fixed; no versioning on the NAS
    clock.advance(Duration.ofMinutes(1));
    paths("DCIM/IMG_2.jpg");
    assertThat(waiting()).isEmpty();
    assertThat(settled()).singleElement()
        .satisfies(e -> assertThat(e.outcome()).isEqualTo(RetrySchedule.Outcome.LOST));
  }
}
