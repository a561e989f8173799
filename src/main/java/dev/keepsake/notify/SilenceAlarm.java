package dev.keepsake.notify;

import dev.keepsake.failure.FailureKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Says when a phone has gone quiet for longer than it usually does. Its usual gap is learned from
 * the ledger: the 95th percentile of the gaps between the days files arrived over the last
 * {@value #HISTORY_DAYS} days. Silent for {@code factor} times that (default 3×, never less than
 * {@code min}, default 2 days) is an incident ({@code source-silent}) until the next arrival. A phone
 * with too little history raises nothing; one that is always quiet has a long usual gap.
 */
public final class SilenceAlarm {
  static final int HISTORY_DAYS = 60;
  private static final int MIN_GAPS = 3;
  private static final Duration LEARN_EVERY = Duration.ofHours(1);

  /** {@code silence.factor} and {@code silence.min}. */
  public record Settings(double factor, Duration min) {
    public static final Settings DEFAULT = new Settings(3, Duration.ofDays(2));
  }

  private final Settings settings;
  private final Function<String, List<LocalDate>> arrivalDays;
  private final Clock clock;
  private final Map<String, Duration> usual = new HashMap<>();
  private final Map<String, Instant> learned = new HashMap<>();

  /**
   * @param arrivalDays the days (in the archive's zone) on which a source's files arrived since a time
   *     (the ledger's contents)
   */
  public SilenceAlarm(Settings settings, java.util.function.BiFunction<String, Instant, List<LocalDate>> arrivalDays,
      Clock clock) {
    this.settings = settings;
    this.clock = clock;
    this.arrivalDays = source -> arrivalDays.apply(source, clock.instant().minus(Duration.ofDays(HISTORY_DAYS)));
  }

  /** The usual gap between arrival days of {@code source}, or null with too little history to tell. */
  public synchronized Duration usualGap(String source) {
    Instant now = clock.instant();
    Instant at = learned.get(source);
    if (at == null || !at.plus(LEARN_EVERY).isAfter(now)) {
      usual.put(source, learn(arrivalDays.apply(source)));
      learned.put(source, now);
    }
    return usual.get(source);
  }

  private static Duration learn(List<LocalDate> arrivals) {
    TreeSet<LocalDate> days = new TreeSet<>(arrivals);
    List<Long> gaps = new ArrayList<>();
    LocalDate before = null;
    for (LocalDate day : days) {
      if (before != null) {
        gaps.add(ChronoUnit.DAYS.between(before, day));
      }
      before = day;
    }
    if (gaps.size() < MIN_GAPS) {
      return null;
    }
    gaps.sort(null);
    long p95 = gaps.get((int) Math.ceil(0.95 * gaps.size()) - 1);
    return Duration.ofDays(Math.max(1, p95));
  }

  /** How long silence must last for {@code source} before it is said, or null when it never is (no history). */
  public Duration alarmAfter(String source) {
    Duration gap = usualGap(source);
    if (gap == null) {
      return null;
    }
    Duration scaled = Duration.ofMillis((long) (gap.toMillis() * settings.factor()));
    return scaled.compareTo(settings.min()) < 0 ? settings.min() : scaled;
  }

  /**
   * The check: {@code lastArrival} and {@code lastInSync} (the phone's last complete sync with the
   * NAS, null when unknown or not a Syncthing folder) per source.
   */
  public Notifier.DeadManCheck check(Supplier<Collection<String>> sources, Function<String, Instant> lastArrival,
      Function<String, Instant> lastInSync) {
    return new Notifier.DeadManCheck() {
      @Override
      public FailureKind kind() {
        return FailureKind.SOURCE_SILENT;
      }

      @Override
      public void check(ErrorJournal journal, Instant now) {
        for (String source : sources.get()) {
          Instant last = lastArrival.apply(source);
          Duration after = last == null ? null : alarmAfter(source);
          if (after == null || Duration.between(last, now).compareTo(after) <= 0) {
            continue;
          }
          long days = Duration.between(last, now).toDays();
          Instant synced = lastInSync.apply(source);
          String phone = synced == null ? "" : "; the phone was last in sync with the NAS "
              + ago(Duration.between(synced, now));
          journal.record(FailureKind.SOURCE_SILENT, source, null, source + ": nothing new for " + days + " day" + (days == 1 ? "" : "s")
              + " (usually " + usually(usualGap(source)) + ")" + phone
              + "; check the phone's Syncthing app (running, allowed in the background, on the same network)");
        }
      }
    };
  }

  private static String usually(Duration gap) {
    long days = gap.toDays();
    return days <= 1 ? "daily" : days == 7 ? "weekly" : "every " + days + " days";
  }

  private static String ago(Duration d) {
    long days = d.toDays();
    if (days >= 1) {
      return days + " day" + (days == 1 ? "" : "s") + " ago";
    }
    long hours = Math.max(1, d.toHours());
    return hours + " hour" + (hours == 1 ? "" : "s") + " ago";
  }
}
