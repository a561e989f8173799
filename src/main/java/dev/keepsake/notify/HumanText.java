package dev.keepsake.notify;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How Keepsake writes a count or a time for a person to read — in mails, {@code keepsake status},
 * logs and the page — so that each is written one way everywhere: a count with its noun in the
 * right number ("1 file", "2 files"), a time in the archive's zone with the zone named
 * ("2026-12-02 07:12 CET"). Machine-read output (JSON, metrics) keeps UTC instants.
 */
public final class HumanText {
  private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm zzz", Locale.ENGLISH);
  private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss zzz", Locale.ENGLISH);

  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ENGLISH);

  private HumanText() {}

  /** {@code 1 file}, {@code 3 files}: the noun takes an s unless there is exactly one. */
  public static String count(long n, String one) {
    return count(n, one, one + "s");
  }

  public static String count(long n, String one, String many) {
    return n + " " + (n == 1 ? one : many);
  }

  /** A wall-clock time as a capture date is read: {@code 2023-09-16 12:34:56}, without fractions. */
  public static String local(java.time.LocalDateTime t) {
    return LOCAL.format(t);
  }

  /** {@code 2026-12-02 07:12 CET}: to the minute, in {@code zone}, the zone named. */
  public static String minute(Instant t, ZoneId zone) {
    return MINUTE.format(t.atZone(zone));
  }

  /** {@code 2026-12-02 07:12:03 CET}: to the second (never with fractions), in {@code zone}, the zone named. */
  public static String second(Instant t, ZoneId zone) {
    return SECOND.format(t.atZone(zone));
  }
}
