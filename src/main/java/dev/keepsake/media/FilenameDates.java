package dev.keepsake.media;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a capture date from a file name, the way phones and messengers name their files. The most
 * specific pattern is tried first; an impossible date (month 13, 99:99:99) matches nothing.
 */
final class FilenameDates {

  private record Rule(Pattern pattern, BiFunction<Matcher, ZoneId, CaptureDate> read) {}

  private static final List<Rule> RULES =
      List.of(
          // Google Pixel writes UTC: PXL_20230916_123456789
          new Rule(
              Pattern.compile("PXL_(\\d{4})(\\d{2})(\\d{2})_(\\d{2})(\\d{2})(\\d{2})\\d{0,3}"),
              (m, zone) -> CaptureDate.inZone(dateTime(m, 1).toInstant(ZoneOffset.UTC), zone, DateOrigin.FILENAME)),
          // Facebook: FB_IMG_<epoch millis>
          new Rule(
              Pattern.compile("FB_IMG_(\\d{13})(?!\\d)"),
              (m, zone) -> CaptureDate.inZone(Instant.ofEpochMilli(Long.parseLong(m.group(1))), zone, DateOrigin.FILENAME)),
          // WhatsApp: IMG-20230916-WA0001 (a day only: noon keeps it on that day in any zone)
          new Rule(
              Pattern.compile("(?:IMG|VID|AUD|PTT|STK|DOC)-(\\d{4})(\\d{2})(\\d{2})-WA\\d+", Pattern.CASE_INSENSITIVE),
              (m, zone) -> local(LocalDate.of(num(m, 1), num(m, 2), num(m, 3)).atTime(LocalTime.NOON), zone)),
          // iOS screen recordings: RPReplay_Final<epoch seconds>
          new Rule(
              Pattern.compile("RPReplay_Final(\\d{10})(?!\\d)"),
              (m, zone) -> CaptureDate.inZone(Instant.ofEpochSecond(Long.parseLong(m.group(1))), zone, DateOrigin.FILENAME)),
          // Windows Camera: WIN_20230916_12_34_56_Pro
          new Rule(
              Pattern.compile("WIN_(\\d{4})(\\d{2})(\\d{2})_(\\d{2})_(\\d{2})_(\\d{2})(?!\\d)"),
              (m, zone) -> local(dateTime(m, 1), zone)),
          // Screenshot_2023-09-16-12-34-56, photo_2023-09-16_12-34-56 (Telegram), signal-2023-09-16-123456,
          // Greenshot "2023-09-16 12_34_56-…"
          new Rule(
              Pattern.compile("(?<!\\d)(\\d{4})-(\\d{2})-(\\d{2})[-_ ](\\d{2})[-._]?(\\d{2})[-._]?(\\d{2})(?!\\d)"),
              (m, zone) -> local(dateTime(m, 1), zone)),
          // macOS "Screenshot 2023-09-16 at 12.34.56" (since Ventura a narrow no-break space before "PM"),
          // localised: "Bildschirmfoto … um …", "Capture d’écran … à …", "Captura de pantalla … a las …",
          // "Schermafbeelding … om …", "Skærmbillede … kl. …"; WhatsApp desktop "WhatsApp Image 2023-09-16 at 12.34.56"
          new Rule(
              Pattern.compile("(?<!\\d)(\\d{4})-(\\d{2})-(\\d{2})(?: (?:at|um|à|a las|om|kl\\.|alle|às|klo|kello|в))? "
                  + "(\\d{1,2})\\.(\\d{2})\\.(\\d{2})(?:[\\s\\u202F]?([AP]M))?(?![\\d\\p{L}]|[\\s\\u202F]\\p{L})"),
              (m, zone) -> local(twelveHour(m), zone)),
          // Windows Snipping Tool "Screenshot 2023-09-16 123456"
          new Rule(
              Pattern.compile("(?<!\\d)(\\d{4})-(\\d{2})-(\\d{2}) (\\d{2})(\\d{2})(\\d{2})(?!\\d)"),
              (m, zone) -> local(dateTime(m, 1), zone)),
          // Nextcloud's iOS auto-upload: "Photo 23-09-16 12-34-56 0001", "23-09-16 12-34-56 0002" (two-digit year)
          new Rule(
              Pattern.compile("^(?:Photo |Video )?(\\d{2})-(\\d{2})-(\\d{2}) (\\d{2})-(\\d{2})-(\\d{2})(?: \\d{4})?\\.\\w+$"),
              (m, zone) -> local(dateTime(m, 1).plusYears(2000), zone)),
          // IMG_20230916_123456, VID_…, Samsung 20230916_123456, Screenshot_20230916-123456,
          // OneDrive camera upload 20230916_123456789_iOS, Threema threema-20230916-123456789
          // (milliseconds after the seconds)
          new Rule(
              Pattern.compile("(?:^|[_-])(\\d{4})(\\d{2})(\\d{2})[_-]?(\\d{2})(\\d{2})(\\d{2})(?:\\d{3}(?=[_.\\s-]|$))?(?!\\d)"),
              (m, zone) -> local(dateTime(m, 1), zone)),
          // Flameshot "2023-09-16_12-34" (minutes only)
          new Rule(
              Pattern.compile("^(\\d{4})-(\\d{2})-(\\d{2})_(\\d{2})-(\\d{2})(?:_\\d+)?\\.\\w+$"),
              (m, zone) -> local(LocalDateTime.of(num(m, 1), num(m, 2), num(m, 3), num(m, 4), num(m, 5)), zone)));

  /** The "no date" values of clocks that were never set: a name spelling one of these spells nothing. */
  private static final List<LocalDateTime> ZERO_DATES = List.of(
      LocalDateTime.of(1900, 1, 1, 0, 0), LocalDateTime.of(1970, 1, 1, 0, 0), LocalDateTime.of(1980, 1, 1, 0, 0));

  /**
   * What sync clients add to a name when two edits meet: Syncthing's
   * {@code .sync-conflict-20231001-101010-ABCDEFG}, Dropbox's and Nextcloud's
   * {@code (… conflicted copy 2023-10-01 …)}. Their date is the conflict's, not the capture's.
   */
  private static final Pattern CONFLICT_SUFFIX = Pattern.compile(
      "\\.sync-conflict-\\d{8}-\\d{6}-[A-Z0-9]{7}|\\s?\\([^()]*conflicted copy[^()]*\\)", Pattern.CASE_INSENSITIVE);

  private FilenameDates() {}

  /** The date the name spells, or empty when no pattern gives a real calendar date and time. */
  static Optional<CaptureDate> read(String fileName, ZoneId zone) {
    String name = CONFLICT_SUFFIX.matcher(fileName).replaceAll("");
    for (Rule rule : RULES) {
      Matcher m = rule.pattern().matcher(name);
      while (m.find()) {
        try {
          CaptureDate date = rule.read().apply(m, zone);
          if (ZERO_DATES.contains(date.local())) {
            continue;
          }
          return Optional.of(date);
        } catch (DateTimeException | NumberFormatException | ArithmeticException notADate) {
          // 99:99:99 or month 13: keep looking, this match spells no date
        }
      }
    }
    return Optional.empty();
  }

  private static CaptureDate local(LocalDateTime dateTime, ZoneId zone) {
    return CaptureDate.asWritten(dateTime, null, zone, DateOrigin.FILENAME);
  }

  private static LocalDateTime dateTime(Matcher m, int first) {
    return LocalDateTime.of(
        num(m, first), num(m, first + 1), num(m, first + 2),
        num(m, first + 3), num(m, first + 4), num(m, first + 5));
  }

  /** Groups 1–6 with an optional AM/PM in group 7 (macOS before 2019 wrote "at 3.04.05 PM"). */
  private static LocalDateTime twelveHour(Matcher m) {
    LocalDateTime t = dateTime(m, 1);
    String half = m.group(7);
    if (half == null) {
      return t;
    }
    if (t.getHour() < 1 || t.getHour() > 12) {
      throw new DateTimeException("not a 12-hour clock: " + t.getHour());
    }
    int hour = t.getHour() % 12 + (half.equalsIgnoreCase("PM") ? 12 : 0);
    return t.withHour(hour);
  }

  private static int num(Matcher m, int group) {
    return Integer.parseInt(m.group(group));
  }
}
