package dev.keepsake.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keepsake.testing.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class SilenceAlarmTest {
  final FakeClock clock = new FakeClock(Instant.parse("2026-12-01T12:00:00Z"));
  final ErrorJournal journal = new ErrorJournal(clock);

  /** Arrivals on every {@code everyDays}-th day of the 60 before the clock's start. */
  private static List<LocalDate> every(int everyDays, Instant until) {
    List<LocalDate> days = new ArrayList<>();
    for (int d = 60; d >= 1; d -= everyDays) {
      days.add(until.minus(Duration.ofDays(d)).atZone(ZoneOffset.UTC).toLocalDate());
    }
    return days;
  }

  @Test
  void aDailyPhoneSilentForThreeDaysIsSaidAndAWeeklyOneIsNot() {
    Instant start = clock.instant();
    Map<String, List<LocalDate>> history = Map.of("pixel", every(1, start), "tablet", every(7, start), "new", List.of());
    SilenceAlarm alarm = new SilenceAlarm(SilenceAlarm.Settings.DEFAULT, (s, since) -> history.get(s), clock);
    Instant lastArrival = start.minus(Duration.ofDays(1));
    var check = alarm.check(() -> List.of("pixel", "tablet", "new"), s -> lastArrival,
        s -> s.equals("pixel") ? start.minus(Duration.ofDays(1)) : null);
    assertThat(alarm.usualGap("pixel")).isEqualTo(Duration.ofDays(1));
    assertThat(alarm.usualGap("tablet")).isEqualTo(Duration.ofDays(7));
    assertThat(alarm.usualGap("new")).isNull();

    check.check(journal, clock.instant().plus(Duration.ofDays(1))); // two days silent: not yet (3 x 1 day)
    assertThat(journal.drain()).isEmpty();
    clock.advance(Duration.ofDays(8)); // nine days silent: the daily phone is overdue, the weekly one is not (21 days)
    check.check(journal, clock.instant());
    assertThat(journal.drain()).singleElement().satisfies(t -> {
      assertThat(t.fingerprint().kind()).isEqualTo("source-silent");
      assertThat(t.fingerprint().source()).isEqualTo("pixel");
      assertThat(t.message()).startsWith("pixel: nothing new for 9 days (usually daily); the phone was last in sync"
          + " with the NAS 9 days ago");
    });
  }

  @Test
  void theNextArrivalEndsIt() {
    Instant start = clock.instant();
    SilenceAlarm alarm = new SilenceAlarm(SilenceAlarm.Settings.DEFAULT, (s, since) -> every(1, start), clock);
    Instant[] last = {start.minus(Duration.ofDays(5))};
    var check = alarm.check(() -> List.of("pixel"), s -> last[0], s -> null);
    check.check(journal, clock.instant());
    assertThat(journal.drain()).hasSize(1);
    last[0] = clock.instant(); // a photo arrives
    check.check(journal, clock.instant());
    assertThat(journal.drain()).isEmpty();
  }
}
