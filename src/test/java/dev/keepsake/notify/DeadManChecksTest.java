package dev.keepsake.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keepsake.testing.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class DeadManChecksTest {
  final FakeClock clock = new FakeClock(Instant.parse("2026-11-26T12:00:00Z"));
  final ErrorJournal journal = new ErrorJournal(clock);

  @Test
  void syncthingDownIsAnErrorOnlyAfterFifteenMinutes() {
    Instant down = clock.instant();
    var check = DeadManChecks.syncthingDown(() -> down, () -> "connection refused", Duration.ofMinutes(15));
    check.check(journal, clock.instant().plus(Duration.ofMinutes(10)));
    assertThat(journal.drain()).isEmpty();
    check.check(journal, clock.instant().plus(Duration.ofMinutes(16)));
    assertThat(journal.drain()).singleElement().satisfies(t -> {
      assertThat(t.fingerprint().kind()).isEqualTo("syncthing-unreachable");
      assertThat(t.message()).contains("connection refused");
    });
  }

  @Test
  void aFileWaitingLongerThanStallAfterIsReported() {
    Instant now = clock.instant();
    var check = DeadManChecks.stalled(cutoff -> cutoff.isAfter(now.minus(Duration.ofHours(7)))
        ? List.of(new DeadManChecks.Waiting("pixel", "DCIM/VID_1.mp4")) : List.of(), Duration.ofHours(6));
    check.check(journal, now);
    assertThat(journal.drain()).singleElement().satisfies(t -> {
      assertThat(t.fingerprint().kind()).isEqualTo("ingest-stalled");
      assertThat(t.samples()).containsExactly("DCIM/VID_1.mp4");
    });
  }

  @Test
  void anUnwritableArchiveIsReportedWhileItLasts() {
    String[] problem = {"archive root /srv/archive is missing (disk unmounted?)"};
    var check = DeadManChecks.archive(() -> problem[0]);
    check.check(journal, clock.instant());
    assertThat(journal.drain()).hasSize(1);
    problem[0] = null;
    check.check(journal, clock.instant());
    assertThat(journal.drain()).isEmpty();
  }
}
