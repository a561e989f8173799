package dev.keepsake.fs;

import dev.keepsake.failure.FailureKind;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * How this JVM turns file names into text. Java decodes names with the locale's charset, fixed at
 * start ({@code sun.jnu.encoding}): under a bare systemd unit or cron on a minimal box that is ASCII,
 * and every name with an accent, an emoji or a CJK letter can then be listed but not opened by name.
 * Keepsake checks this at start and {@code doctor} reports it; a name that cannot be represented
 * fails that one file (kind {@code unrepresentable-name}), never the pass.
 */
public final class FileNameEncoding {
  /** The failure kind of a file whose name cannot be represented. */

  private FileNameEncoding() {}

  public static String current() {
    return System.getProperty("sun.jnu.encoding", "UTF-8");
  }

  public static boolean isUtf8() {
    String e = current().toUpperCase(java.util.Locale.ROOT).replace("-", "");
    return e.equals("UTF8");
  }

  /** A warning for the log and doctor, or null when names are UTF-8. */
  public static String problem() {
    return isUtf8() ? null : "this JVM reads file names as " + current() + ", not UTF-8: names with letters outside"
        + " ASCII cannot be opened and fail as " + FailureKind.UNREPRESENTABLE_NAME.id() + "; start Keepsake with a UTF-8 locale"
        + " (LANG=C.UTF-8, as deploy/keepsake.service, the Dockerfile and deploy/keepsake do)";
  }

  /** Whether {@code file}'s name survives the trip to text and back (false for names that are not valid UTF-8). */
  public static boolean representable(Path file) {
    Path name = file.getFileName();
    if (name == null) {
      return true;
    }
    String text = name.toString();
    if (text.indexOf('\uFFFD') < 0) {
      return true; // decoding replaced nothing
    }
    try {
      return name.getFileSystem().getPath(text).equals(name);
    } catch (InvalidPathException unmappable) {
      return false;
    }
  }

  /** Why {@code shown} (a name as Java shows it) names no file: the message of an unrepresentable-name failure. */
  public static String message(String shown) {
    return shown + ": its name is not " + (isUtf8() ? "valid UTF-8" : "representable as " + current())
        + " (shown with \uFFFD where bytes could not be read), so it cannot be opened by name; "
        + (isUtf8() ? "rename it on the NAS, e.g. convmv -f latin1 -t utf8 --notest, and it is archived on the next pass"
            : "start Keepsake with a UTF-8 locale (LANG=C.UTF-8)");
  }
}
