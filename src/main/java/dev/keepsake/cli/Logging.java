package dev.keepsake.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Log level switches for the command line (logs go to stderr; see logback.xml). */
final class Logging {
  private Logging() {}

  /** The service logs what it archives and every pass (INFO), or more (DEBUG). */
  static void service(boolean verbose) {
    ((Logger) LoggerFactory.getLogger("dev.keepsake")).setLevel(verbose ? Level.DEBUG : Level.INFO);
  }

  static void verbose() {
    ((Logger) LoggerFactory.getLogger("dev.keepsake")).setLevel(Level.INFO);
  }
}
