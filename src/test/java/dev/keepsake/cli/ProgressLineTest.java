package dev.keepsake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ProgressLineTest {
  private final AtomicLong nanos = new AtomicLong();
  private final StringWriter text = new StringWriter();

  @Test
  void showsFilesRateAndTimeLeftOnceARunTakesLongerThanASecond() {
    ProgressLine line = new ProgressLine(new PrintWriter(text), true, nanos::get);
    line.plan(4, 40_000_000);
    line.advance(10_000_000);
    assertThat(text.toString()).as("silent during the first second").isEmpty();
    nanos.set(2_000_000_000L);
    line.advance(10_000_000);
    assertThat(text.toString()).contains("2/4 files, 10.0 MB/s, ETA 0:02");
    line.clear();
    assertThat(text.toString()).endsWith("\r");
  }

  /** A resumed import: what an earlier run did counts as done but not in the rate (it was not read). */
  @Test
  void filesDoneAlreadyCountButAreNotRead() {
    ProgressLine line = new ProgressLine(new PrintWriter(text), true, nanos::get);
    line.plan(10, 100_000_000);
    line.skipped(8, 80_000_000);
    nanos.set(2_000_000_000L);
    line.advance(10_000_000);
    assertThat(text.toString()).contains("9/10 files, 5.0 MB/s, ETA 0:02");
  }

  @Test
  void staysSilentWhenNotOnATerminal() {
    ProgressLine line = new ProgressLine(new PrintWriter(text), false, nanos::get);
    line.plan(2, 20);
    nanos.set(5_000_000_000L);
    line.advance(10);
    line.clear();
    assertThat(text.toString()).isEmpty();
  }
}
