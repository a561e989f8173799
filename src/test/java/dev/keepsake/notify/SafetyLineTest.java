package dev.keepsake.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class SafetyLineTest {
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static final Instant NOW = Instant.parse("2026-12-01T18:30:00Z");

  private static SafetyLine.Facts facts(Instant safe, boolean syncthing, boolean connected, Instant synced, long waiting) {
    return new SafetyLine.Facts("pixel", safe, syncthing, connected, synced, waiting,
        waiting == 0 ? null : Instant.parse("2026-12-01T17:56:00Z"), waiting == 0 ? null : "io-error",
        waiting == 0 ? null : "cannot create archive folder 2023: a file is in the way\nsecond line",
        waiting == 0 ? null : Instant.parse("2026-12-01T18:20:00Z"));
  }

  @Test
  void safeSaysUpToWhenInTheArchivesZoneLabelledToTheMinute() {
    Instant t = Instant.parse("2026-12-01T18:14:42Z");
    assertThat(SafetyLine.of(facts(t, true, false, t, 0), BERLIN, NOW))
        .isEqualTo("pixel: safe to delete everything up to Tue 1 Dec 19:14 CET (last synced then)");
    assertThat(SafetyLine.of(facts(t, true, true, NOW, 0), BERLIN, NOW)).endsWith("(the phone is connected and in sync)");
    assertThat(SafetyLine.of(facts(t, false, false, null, 0), BERLIN, NOW)).contains("everything now in the folder is archived");
  }

  @Test
  void waitingFilesMakeItNotSafeWithTheReasonAndTheNextRetry() {
    assertThat(SafetyLine.of(facts(Instant.parse("2026-12-01T17:55:00Z"), true, true, NOW, 12), BERLIN, NOW))
        .isEqualTo("pixel: NOT safe: 12 files waiting since 18:56 CET (io-error: cannot create archive folder 2023:"
            + " a file is in the way; next retry 19:20 CET)");
  }

  @Test
  void unknownIsNotSafeAndSaysWhy() {
    assertThat(SafetyLine.of(facts(null, true, false, null, 0), BERLIN, NOW)).isEqualTo(
        "pixel: NOT safe yet: the phone has not been seen in sync with the NAS yet");
    assertThat(SafetyLine.of(facts(null, false, false, null, 0), BERLIN, NOW)).contains("first look");
  }
}
