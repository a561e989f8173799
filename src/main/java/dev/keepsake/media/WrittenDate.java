package dev.keepsake.media;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A date-time as a file spells it in text: EXIF {@code 2017:10:06 23:14:39}, Apple QuickTime
 * {@code 2020-01-01T00:59:59+0100}, XMP {@code 2015-06-11T10:29:26.12+02:00} or a bare day. Parsing is
 * lenient about separators and trailing junk, strict about the calendar: {@code 0000:00:00} and
 * month 13 are absent, never an exception.
 */
record WrittenDate(LocalDateTime local, ZoneOffset offset) {

  private static final Pattern DATE_TIME =
      Pattern.compile(
          "^\\s*(\\d{4})[:\\-/.](\\d{1,2})[:\\-/.](\\d{1,2})"
              + "(?:[ T](\\d{1,2}):(\\d{2})(?::(\\d{2}))?(?:[.,]\\d+)?)?"
              + "\\s*(Z|[+-]\\d{2}:?\\d{2})?");

  static Optional<WrittenDate> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher m = DATE_TIME.matcher(text.replace('\0', ' '));
    if (!m.find()) {
      return Optional.empty();
    }
    try {
      LocalTime time =
          m.group(4) == null
              ? LocalTime.NOON // a day without a time: noon keeps it on that day
              : LocalTime.of(num(m.group(4)), num(m.group(5)), m.group(6) == null ? 0 : num(m.group(6)));
      LocalDateTime local =
          LocalDateTime.of(num(m.group(1)), num(m.group(2)), num(m.group(3)), time.getHour(), time.getMinute(), time.getSecond());
      return Optional.of(new WrittenDate(local, offset(m.group(7))));
    } catch (DateTimeException notADate) {
      return Optional.empty();
    }
  }

  /** A whole value that is only a year, a year and month, or a compact {@code 20190504}. */
  private static final Pattern PARTIAL = Pattern.compile("^\\s*(\\d{4})(?:[-:/.]?(\\d{2})(?:[-:/.]?(\\d{2}))?)?\\s*$");

  /**
   * As {@link #parse}, and also a value that names only a period, as movie editors write {@code ©day}:
   * {@code 2019}, {@code 2019-05}, {@code 20190504}. A period is read as its first day, at noon.
   */
  static Optional<WrittenDate> parseDayOrPeriod(String text) {
    Optional<WrittenDate> full = parse(text);
    if (full.isPresent() || text == null) {
      return full;
    }
    Matcher m = PARTIAL.matcher(text.replace('\0', ' '));
    if (!m.find()) {
      return Optional.empty();
    }
    try {
      int month = m.group(2) == null ? 1 : num(m.group(2));
      int day = m.group(3) == null ? 1 : num(m.group(3));
      return Optional.of(new WrittenDate(LocalDateTime.of(num(m.group(1)), month, day, 12, 0), null));
    } catch (DateTimeException notADate) {
      return Optional.empty();
    }
  }

  /** Parses an EXIF OffsetTime value such as {@code +02:00}; null when absent or malformed. */
  static ZoneOffset offset(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String t = text.trim();
    if (t.equals("Z")) {
      return ZoneOffset.UTC;
    }
    if (t.matches("[+-]\\d{4}")) {
      t = t.substring(0, 3) + ":" + t.substring(3);
    }
    try {
      return ZoneOffset.of(t);
    } catch (DateTimeException malformed) {
      return null;
    }
  }

  private static int num(String digits) {
    return Integer.parseInt(digits);
  }
}
