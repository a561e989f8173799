package dev.keepsake.cli;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import picocli.CommandLine;

/**
 * A day on the command line ({@code --since}): {@code yyyy-MM-dd}, {@code today}, {@code yesterday}
 * or {@code Nd} (N days ago), in the system's zone. Anything else is refused with the forms it takes,
 * not a parser's exception.
 */
final class DayConverter implements CommandLine.ITypeConverter<LocalDate> {
  private final Clock clock;

  DayConverter() {
    this(Clock.systemDefaultZone());
  }

  DayConverter(Clock clock) {
    this.clock = clock;
  }

  @Override
  public LocalDate convert(String value) {
    String v = value.strip().toLowerCase(java.util.Locale.ROOT);
    LocalDate today = LocalDate.now(clock);
    if (v.equals("today")) {
      return today;
    }
    if (v.equals("yesterday")) {
      return today.minusDays(1);
    }
    if (v.matches("\\d{1,5}d")) {
      return today.minusDays(Long.parseLong(v.substring(0, v.length() - 1)));
    }
    try {
      return LocalDate.parse(v);
    } catch (DateTimeParseException e) {
      throw new CommandLine.TypeConversionException("'" + value + "' is not a day: write it as yyyy-MM-dd (like "
          + today.minusDays(7) + "), today, yesterday, or Nd for N days ago (7d)");
    }
  }
}
