package dev.keepsake.cli;

import org.sqlite.SQLiteJDBCLoader;

/**
 * Loads SQLite's native library on a background thread while the command line is parsed and
 * logging is set up: the load (find, extract, check, link ~1 MB) is a fifth of a second that a
 * short run would otherwise spend waiting before it can open the ledger.
 */
final class NativeWarmUp {
  private NativeWarmUp() {}

  static void start() {
    Thread t = new Thread(NativeWarmUp::load, "keepsake-native-warm-up");
    t.setDaemon(true);
    t.start();
  }

  private static void load() {
    try {
      SQLiteJDBCLoader.initialize();
    } catch (Exception | LinkageError e) {
      // Opening the ledger loads it again and reports the problem with the ledger's path.
    }
  }
}
