package dev.keepsake.cli;

import java.io.PrintWriter;

/** Lets tests in other packages run the command line in-process. */
public final class MainAccess {
  private MainAccess() {}

  public static int run(PrintWriter out, PrintWriter err, String... args) {
    return Main.run(out, err, args);
  }
}
