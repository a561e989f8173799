package dev.keepsake.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Decides, on each tick, whether to send a digest and which — Alertmanager's model: timers drive
 * sending, errors only change state. In order: first notice (once the oldest thing to tell is
 * {@code groupWait} old) → news (at most one mail per {@code groupInterval}) → all resolved → some
 * resolved (at most one per {@code groupInterval}) → reminder (every {@code repeatInterval} while
 * anything stays open) → nothing. Pure: no I/O, no clock.
 *
 * <p>"Resolved" comes only from {@link State#RESOLVED}, which the notifier gives an incident whose
 * files are all archived or whose condition was checked clear, and stayed so for {@code resolveAfter}
 * (which only damps flapping). Files that left the source unarchived are a {@link State#LOST} to tell,
 * never a resolution; a problem that lasts never reaches RESOLVED however long it lasts.
 */
public final class DigestPolicy {
  /** The four timings, from {@code notify.digest.*}. */
  public record Timings(Duration groupWait, Duration groupInterval, Duration repeatInterval, Duration resolveAfter) {
    public static final Timings DEFAULT =
        new Timings(Duration.ofMinutes(2), Duration.ofMinutes(30), Duration.ofHours(24), Duration.ofHours(2));
  }

  /** Why a digest goes out. */
  public enum Reason { FIRST_NOTICE, NEW_ERRORS, ALL_RESOLVED, SOME_RESOLVED, REMINDER }

  /** Where an incident stands on this tick. */
  public enum State {
    /** Its trouble lasts. */
    OPEN,
    /** Found gone, not yet for {@code resolveAfter}: neither open nor resolved. */
    CLEARING,
    /** Gone for {@code resolveAfter}: every file archived, or the condition clear. */
    RESOLVED,
    /** Files left the source before they could be archived: to be told once, plainly. */
    LOST,
    /** An event to know of, told once. */
    NOTICE
  }

  /** An incident with where it stands and, for files, what became of them. */
  public record Standing(Incident incident, State state, FileStates.Settled settled) {
    public static Standing of(Incident incident, State state) {
      return new Standing(incident, state, FileStates.Settled.NONE);
    }

    boolean toTell() {
      return state == State.LOST || state == State.NOTICE;
    }
  }

  /**
   * A digest to send.
   *
   * @param open every incident still open (the new ones among them have {@code announced == false})
   * @param resolved announced incidents now resolved, to report as such
   * @param told losses and notices, told in this digest (and then closed)
   */
  public record Decision(Reason reason, List<Standing> open, List<Standing> resolved, List<Standing> told) {
    public List<Standing> fresh() {
      return open.stream().filter(s -> !s.incident().announced()).toList();
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
  public Decision decide(Collection<Standing> standings, Instant lastSent, Instant now) {
    List<Standing> open = sorted(standings.stream().filter(s -> s.state() == State.OPEN));
    List<Standing> resolved = sorted(standings.stream().filter(s -> s.state() == State.RESOLVED && s.incident().announced()));
    List<Standing> told = sorted(standings.stream().filter(Standing::toTell));
    List<Standing> news = new ArrayList<>(open.stream().filter(s -> !s.incident().announced()).toList());
    news.addAll(told);
    news.sort(Comparator.comparing(s -> s.incident().firstSeen()));
    boolean anyAnnounced = open.stream().anyMatch(s -> s.incident().announced());
    boolean intervalPassed = lastSent == null || !lastSent.plus(timings.groupInterval()).isAfter(now);

    if (!anyAnnounced && !news.isEmpty() && !news.get(0).incident().firstSeen().plus(timings.groupWait()).isAfter(now)) {
      return new Decision(Reason.FIRST_NOTICE, open, resolved, told);
    }
    if (anyAnnounced && !news.isEmpty() && intervalPassed) {
      return new Decision(Reason.NEW_ERRORS, open, resolved, told);
    }
    boolean clearing = standings.stream().anyMatch(s -> s.state() == State.CLEARING && s.incident().announced());
    if (open.isEmpty() && !clearing && news.isEmpty() && !resolved.isEmpty()) {
      return new Decision(Reason.ALL_RESOLVED, open, resolved, told);
    }
    if (!resolved.isEmpty() && intervalPassed) {
      return new Decision(Reason.SOME_RESOLVED, open, resolved, told);
    }
    if (anyAnnounced && (lastSent == null || !lastSent.plus(timings.repeatInterval()).isAfter(now))) {
      return new Decision(Reason.REMINDER, open, resolved, told);
    }
    return null;
  }

  private static List<Standing> sorted(Stream<Standing> s) {
    return s.sorted(Comparator.comparing(x -> x.incident().firstSeen())).toList();
  }
}
