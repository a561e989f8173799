package dev.keepsake.reliability;

/** Prints a reliability test's figures in one greppable line (CI output, README's Guarantees). */
public final class Figures {
  private Figures() {}

  public static void print(String test, String figures) {
    System.out.println("reliability: " + test + ": " + figures);
  }
}
