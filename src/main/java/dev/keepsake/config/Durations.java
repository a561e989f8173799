package dev.keepsake.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them in the config: {@code 500ms}, {@code 30s}, {@code 2m}, {@code 24h}, {@code 7d}, {@code 1h30m}. */
public final class Durations {
  private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d|w)");

  private Durations() {}

  /**
   * @throws ConfigException naming {@code key} when {@code text} is not a duration
   */
  public static Duration parse(String key, String text) throws ConfigException {
    String t = text == null ? "" : text.trim();
    Matcher m = PART.matcher(t);
    Duration total = Duration.ZERO;
    int end = 0;
    while (m.find() && m.start() == end) {
      long n = Long.parseLong(m.group(1));
      total = total.plus(switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        case "d" -> Duration.ofDays(n);
        default -> Duration.ofDays(7 * n);
      });
      end = m.end();
    }
    if (t.isEmpty() || end != t.length()) {
      throw new ConfigException(key + ": '" + text + "' is not a duration; write it like 30s, 2m, 24h or 7d");
    }
    return total;
  }
}
