package dev.keepsake.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class HumanTextTest {
  @Test
  void aCountTakesItsNounInTheRightNumber() {
    assertThat(HumanText.count(0, "file")).isEqualTo("0 files");
    assertThat(HumanText.count(1, "duplicate")).isEqualTo("1 duplicate");
    assertThat(HumanText.count(2, "open problem")).isEqualTo("2 open problems");
    assertThat(HumanText.count(1, "entry", "entries")).isEqualTo("1 entry");
  }

  @Test
  void aTimeIsInTheArchiveZoneLabelledWithoutFractions() {
    Instant t = Instant.parse("2026-07-01T10:15:30.123456789Z");
    assertThat(HumanText.second(t, ZoneId.of("Europe/Berlin"))).isEqualTo("2026-07-01 12:15:30 CEST");
    assertThat(HumanText.minute(t, ZoneId.of("America/New_York"))).isEqualTo("2026-07-01 06:15 EDT");
  }
}
