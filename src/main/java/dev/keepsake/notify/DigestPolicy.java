package dev.keepsake.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Decides, on each tick, whether to send a digest and which — Alertmanager's model: timers drive
 * sending, errors only change state. In order: first notice (once the oldest unannounced error is
 * {@code groupWait} old) → new errors (at most one mail per {@code groupInterval}) → all resolved →
 * some resolved (not seen for {@code resolveAfter}; at most one per {@code groupInterval}) →
 * reminder (every {@code repeatInterval} while anything stays open) → nothing. Pure: no I/O, no clock.
 */
public final class DigestPolicy {
  /** The four timings, from {@code notify.digest.*}. */
  public record Timings(Duration groupWait, Duration groupInterval, Duration repeatInterval, Duration resolveAfter) {
    public static final Timings DEFAULT =
        new Timings(Duration.ofMinutes(2), Duration.ofMinutes(30), Duration.ofHours(24), Duration.ofHours(2));
  }

  /** Why a digest goes out. */
  public enum Reason { FIRST_NOTICE, NEW_ERRORS, ALL_RESOLVED, SOME_RESOLVED, REMINDER }

  /**
   * A digest to send.
   *
   * @param open every incident still open (the new ones among them have {@code announced == false})
   * @param resolved incidents not seen for {@code resolveAfter}, to report as resolved
   */
  public record Decision(Reason reason, List<Incident> open, List<Incident> resolved) {
    public List<Incident> fresh() {
      return open.stream().filter(i -> !i.announced()).toList();
    }
  }

  private final Timings timings;

  public DigestPolicy(Timings timings) {
    this.timings = timings;
  }

  public Timings timings() {
    return timings;
  }

  /** The digest to send now, or null. {@code lastSent} is when the last digest went out (null: never). */
  public Decision decide(Collection<Incident> incidents, Instant lastSent, Instant now) {
    List<Incident> open = new ArrayList<>();
    List<Incident> resolved = new ArrayList<>();
    for (Incident i : incidents) {
      (i.isResolved(now, timings.resolveAfter()) ? resolved : open).add(i);
    }
    open.sort(Comparator.comparing(Incident::firstSeen));
    resolved.sort(Comparator.comparing(Incident::firstSeen));
    List<Incident> fresh = open.stream().filter(i -> !i.announced()).toList();
    boolean anyAnnounced = open.stream().anyMatch(Incident::announced);
    boolean intervalPassed = lastSent == null || !lastSent.plus(timings.groupInterval()).isAfter(now);

    if (!anyAnnounced && !fresh.isEmpty() && !fresh.get(0).firstSeen().plus(timings.groupWait()).isAfter(now)) {
      return new Decision(Reason.FIRST_NOTICE, open, resolved);
    }
    if (anyAnnounced && !fresh.isEmpty() && intervalPassed) {
      return new Decision(Reason.NEW_ERRORS, open, resolved);
    }
    if (open.isEmpty() && !resolved.isEmpty()) {
      return new Decision(Reason.ALL_RESOLVED, open, resolved);
    }
    if (!resolved.isEmpty() && intervalPassed) {
      return new Decision(Reason.SOME_RESOLVED, open, resolved);
    }
    if (anyAnnounced && (lastSent == null || !lastSent.plus(timings.repeatInterval()).isAfter(now))) {
      return new Decision(Reason.REMINDER, open, resolved);
    }
    return null;
  }
}
