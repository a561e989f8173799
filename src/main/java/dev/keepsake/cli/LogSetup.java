package dev.keepsake.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.slf4j.Logger;

/**
 * Logging set up in code (found by logback through {@code META-INF/services}): logs go to stderr —
 * stdout is for results that scripts read — at WARN, or INFO with {@code --verbose}, one line per
 * event: {@code HH:mm:ss.SSS ZONE LEVEL Logger: message}, then the stack trace if any. Done in code with
 * a fixed layout rather than logback.xml and a pattern because the XML configurator and the pattern
 * parser load hundreds of classes, a large part of a short run's start-up.
 * {@code -Dlogback.configurationFile=FILE} still takes a file instead.
 */
public final class LogSetup extends ContextAwareBase implements Configurator {
  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (System.getProperty("logback.configurationFile") != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    LineLayout layout = new LineLayout();
    layout.setContext(context);
    layout.start();
    LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
    encoder.setContext(context);
    encoder.setLayout(layout);
    encoder.start();
    ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
    stderr.setContext(context);
    stderr.setName("stderr");
    stderr.setTarget("System.err");
    stderr.setEncoder(encoder);
    stderr.start();
    ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.WARN);
    root.addAppender(stderr);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /** Log times are written in the archive's zone, labelled, once the configuration names it (until then: the system's). */
  static void useZone(ZoneId zone) {
    LineLayout.time = DateTimeFormatter.ofPattern("HH:mm:ss.SSS zzz", java.util.Locale.ENGLISH).withZone(zone);
  }

  /** {@code %d{HH:mm:ss.SSS zzz} %-5level %logger{0}: %msg%n%ex}, without the pattern parser. */
  static final class LineLayout extends LayoutBase<ILoggingEvent> {
    private static volatile DateTimeFormatter time = DateTimeFormatter.ofPattern("HH:mm:ss.SSS zzz", java.util.Locale.ENGLISH)
        .withZone(ZoneId.systemDefault());

    @Override
    public String doLayout(ILoggingEvent event) {
      StringBuilder line = new StringBuilder(128);
      time.formatTo(Instant.ofEpochMilli(event.getTimeStamp()), line);
      line.append(' ');
      String level = event.getLevel().toString();
      line.append(level).append(" ".repeat(Math.max(1, 6 - level.length())));
      String logger = event.getLoggerName();
      line.append(logger, logger.lastIndexOf('.') + 1, logger.length()).append(": ");
      // one event, one line: a file name with a newline or an ESC sequence is shown escaped, never obeyed
      line.append(dev.keepsake.source.SourcePaths.printable(event.getFormattedMessage())).append(CoreConstants.LINE_SEPARATOR);
      IThrowableProxy thrown = event.getThrowableProxy();
      if (thrown != null) {
        String trace = ThrowableProxyUtil.asString(thrown);
        line.append(trace).append(trace.endsWith(CoreConstants.LINE_SEPARATOR) ? "" : CoreConstants.LINE_SEPARATOR);
      }
      return line.toString();
    }
  }
}
