package dev.keepsake.notify;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The one line per phone that says whether its photos may be deleted: in {@code keepsake status},
 * every digest and the weekly report, in the archive's zone, labelled, to the minute.
 * <pre>
 * pixel: safe to delete everything up to Tue 1 Dec 19:14 CET (last synced then)
 * pixel: NOT safe: 12 files waiting since 18:56 CET (io-error: … ; next retry 19:20 CET)
 * </pre>
 */
public final class SafetyLine {
  private static final DateTimeFormatter DAY_AND_TIME = DateTimeFormatter.ofPattern("EEE d MMM HH:mm zzz", Locale.ENGLISH);
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm zzz", Locale.ENGLISH);

  /**
   * What is known of one source, for its line.
   *
   * @param safeThrough everything at or before it is archived (null: not known yet)
   * @param syncthing whether the source is a Syncthing folder (the phone's half counts)
   * @param phoneConnected whether the phone is connected to the NAS now (Syncthing folders)
   * @param lastSynced when the phone was last in sync with the NAS (Syncthing folders; null: never seen)
   * @param waitingFiles media files seen and not yet archived
   */
  public record Facts(String source, Instant safeThrough, boolean syncthing, boolean phoneConnected, Instant lastSynced,
      long waitingFiles, Instant oldestWaiting, String waitingKind, String waitingMessage, Instant nextRetry) {}

  private SafetyLine() {}

  public static String of(Facts f, ZoneId zone, Instant now) {
    if (f.waitingFiles() > 0) {
      StringBuilder line = new StringBuilder(f.source() + ": NOT safe: " + f.waitingFiles() + " file"
          + (f.waitingFiles() == 1 ? "" : "s") + " waiting");
      if (f.oldestWaiting() != null) {
        line.append(" since ").append(when(f.oldestWaiting(), zone, now));
      }
      if (f.waitingKind() != null) {
        line.append(" (").append(f.waitingKind()).append(": ").append(shorten(f.waitingMessage()));
        if (f.nextRetry() != null) {
          line.append("; next retry ").append(when(f.nextRetry(), zone, now));
        }
        line.append(")");
      } else {
        line.append(" (being copied)");
      }
      return line.toString();
    }
    if (f.safeThrough() == null) {
      return f.source() + ": NOT safe yet: " + (f.syncthing() && f.lastSynced() == null
          ? "the phone has not been seen in sync with the NAS yet"
          : "Keepsake has not finished its first look at the folder");
    }
    String why;
    if (!f.syncthing()) {
      why = "everything now in the folder is archived"; // not "everything seen": a file may have left it unarchived
    } else if (!f.phoneConnected() || (f.lastSynced() != null && !f.lastSynced().isAfter(f.safeThrough()))) {
      why = "last synced then";
    } else {
      why = "the phone is connected and in sync";
    }
    return f.source() + ": safe to delete everything up to " + DAY_AND_TIME.format(f.safeThrough().atZone(zone)) + " (" + why + ")";
  }

  /** The time alone when it is today, the day too when not. */
  static String when(Instant at, ZoneId zone, Instant now) {
    ZonedDateTime t = at.atZone(zone);
    return t.toLocalDate().equals(now.atZone(zone).toLocalDate()) ? TIME.format(t) : DAY_AND_TIME.format(t);
  }

  private static String shorten(String message) {
    if (message == null) {
      return "";
    }
    String one = dev.keepsake.source.SourcePaths.printable(message.lines().findFirst().orElse("")); // the first line, inert
    return one.length() > 120 ? one.substring(0, 117) + "…" : one;
  }
}
