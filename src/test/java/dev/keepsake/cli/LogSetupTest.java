package dev.keepsake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class LogSetupTest {
  private final LoggerContext context = new LoggerContext();

  private String layout(Level level, String message, Throwable thrown, Object... args) {
    LogSetup.LineLayout layout = new LogSetup.LineLayout();
    layout.setContext(context);
    layout.start();
    LoggingEvent event = new LoggingEvent("fqcn", context.getLogger("dev.keepsake.ingest.IngestService"), level,
        message, thrown, args);
    return layout.doLayout(event);
  }

  @Test
  void oneLineAsThePatternWouldWriteIt() {
    assertThat(layout(Level.WARN, "archived {} of {}", null, 3, "pixel"))
        .matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} \\S+ WARN  IngestService: archived 3 of pixel" + System.lineSeparator());
    assertThat(layout(Level.ERROR, "x", null)).contains(" ERROR IngestService: x");
  }

  @Test
  void aFileNameCannotForgeALogLineOrDriveTheTerminal() {
    String line = layout(Level.INFO, "archived {}", null, "pixel:a.jpg\n05:00:00.000 UTC INFO  IngestService: archived pixel:fake.jpg\u001b[2J");
    assertThat(line.lines().count()).isEqualTo(1);
    assertThat(line).contains("a.jpg\\x0a05:00").contains("\\x1b[2J").doesNotContain("\u001b");
  }

  @Test
  void timesAreInTheArchiveZoneOnceKnownAndLabelled() {
    try {
      LogSetup.useZone(java.time.ZoneId.of("Asia/Tokyo"));
      String line = layout(Level.WARN, "x", null);
      assertThat(line).containsPattern("^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} JST WARN");
      String hour = line.substring(0, 2);
      assertThat(hour).isEqualTo(String.format("%02d", java.time.ZonedDateTime.now(java.time.ZoneId.of("Asia/Tokyo")).getHour()));
    } finally {
      LogSetup.useZone(java.time.ZoneId.systemDefault());
    }
  }

  @Test
  void aThrowableFollowsItsLineWithoutABlankLine() {
    String text = layout(Level.ERROR, "copy failed", new IllegalStateException("disk gone"));
    assertThat(text).contains("ERROR IngestService: copy failed" + System.lineSeparator()
        + "java.lang.IllegalStateException: disk gone").doesNotContain(System.lineSeparator() + System.lineSeparator());
  }
}
