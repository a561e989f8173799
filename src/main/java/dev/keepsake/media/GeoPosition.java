package dev.keepsake.media;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a file says it was captured, in degrees (WGS 84). Only used to find the time zone of the
 * place; a position of exactly 0,0 is what a camera without a fix writes, and counts as none.
 */
public record GeoPosition(double latitude, double longitude) {

  /** ISO 6709 as QuickTime writes it: {@code +40.7128-074.0060+010.000/}, also DDMM and DDMMSS forms. */
  private static final Pattern ISO_6709 = Pattern.compile("^\\s*([+-])(\\d+(?:\\.\\d*)?)([+-])(\\d+(?:\\.\\d*)?)");

  /** A position, or empty when the numbers are outside the globe, not numbers, or the 0,0 of no fix. */
  public static Optional<GeoPosition> of(double latitude, double longitude) {
    if (Double.isNaN(latitude) || Double.isNaN(longitude) || Math.abs(latitude) > 90 || Math.abs(longitude) > 180
        || (latitude == 0 && longitude == 0)) {
      return Optional.empty();
    }
    return Optional.of(new GeoPosition(latitude, longitude));
  }

  /** Parses an ISO 6709 point ("+40.7128-074.0060/", "+4042.77-07400.36/"); empty when it is not one. */
  public static Optional<GeoPosition> iso6709(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher m = ISO_6709.matcher(text);
    if (!m.find()) {
      return Optional.empty();
    }
    double lat = sexagesimal(m.group(2), 2);
    double lon = sexagesimal(m.group(4), 3);
    return of(m.group(1).equals("-") ? -lat : lat, m.group(3).equals("-") ? -lon : lon);
  }

  /** Degrees from ISO 6709's D, DM or DMS digits, told apart by the length of the integer part. */
  private static double sexagesimal(String digits, int degreeDigits) {
    int dot = digits.indexOf('.');
    int whole = dot < 0 ? digits.length() : dot;
    double value = Double.parseDouble(digits.endsWith(".") ? digits + "0" : digits);
    if (whole <= degreeDigits) {
      return value;
    }
    if (whole <= degreeDigits + 2) { // DDMM.mmm
      double degrees = Math.floor(value / 100);
      return degrees + (value - degrees * 100) / 60;
    }
    double degrees = Math.floor(value / 10000); // DDMMSS.ss
    double rest = value - degrees * 10000;
    double minutes = Math.floor(rest / 100);
    return degrees + minutes / 60 + (rest - minutes * 100) / 3600;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%.4f, %.4f", latitude, longitude);
  }
}
