package dev.keepsake.ingest;

import dev.keepsake.ledger.RetrySchedule;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Keeps the retry schedule in step with what a pass did: a file that failed is (re)scheduled, one
 * that reached the archive (or settled otherwise) leaves it, one that left the source unarchived
 * leaves it as a loss. The schedule is read once per source and pass, not once per file.
 */
final class RetryBook {
  /** Up to this many waiting paths of a source are held to check a pass's files against. */
  private static final int HELD = 10_000;

  private final int held; // HELD; fewer in tests
  private final RetrySchedule schedule;
  private final RetryPolicy policy;
  private final Map<String, Set<String>> waiting = new HashMap<>(); // null value: too many to hold, ask the ledger
  /** Scheduled paths this pass already met (bounded as the schedule's held paths): not asked after again. */
  private final Set<String> met = new HashSet<>();

  RetryBook(RetrySchedule schedule, RetryPolicy policy) {
    this(schedule, policy, HELD);
  }

  RetryBook(RetrySchedule schedule, RetryPolicy policy, int held) {
    this.schedule = schedule;
    this.policy = policy;
    this.held = held;
  }

  /** How many waiting paths of {@code source} are held (-1: too many, the ledger is asked). */
  int heldPaths(String source) {
    Set<String> paths = waiting.get(source);
    return paths == null ? -1 : paths.size();
  }

  /** Forget what was read: a new pass reads the schedule again. */
  void newPass() {
    waiting.clear();
    met.clear();
  }

  void note(FileOutcome outcome) {
    String source = outcome.file().source().name();
    String path = outcome.file().relative();
    if (outcome.kind() == FileOutcome.Kind.FAILED && met.size() < held) {
      met.add(source + "\u0000" + path); // failed again in this pass: it was met, it is not gone
    }
    switch (outcome.kind()) {
      case FAILED -> {
        if (outcome.failure().loss()) {
          settle(source, path, RetrySchedule.Outcome.LOST); // it left the source unarchived: a loss, said as such
        } else { // a name that cannot be read waits too: its retry sees whether it is still there
          schedule.failed(source, path, outcome.failure().id(), outcome.message(), policy::delay);
          Set<String> waitingHere = waitingOf(source);
          if (waitingHere != null && waitingHere.size() < held) {
            waitingHere.add(path);
          } else if (waitingHere != null) { // a pass failing file after file (a full disk): too many to hold now
            waiting.put(source, null);
          }
        }
      }
      case ARCHIVED, DUPLICATE, UNCHANGED -> settle(source, path, RetrySchedule.Outcome.ARCHIVED);
      case SKIPPED -> settle(source, path, RetrySchedule.Outcome.SETTLED);
    }
  }

  private void settle(String source, String path, RetrySchedule.Outcome how) {
    if (!waiting.containsKey(source) && !schedule.any(source)) {
      waiting.put(source, new HashSet<>()); // nothing waits in this source: no more lookups this pass
      return;
    }
    Set<String> waitingHere = waitingOf(source);
    if (waitingHere == null || waitingHere.remove(path)) {
      schedule.settle(source, path, how);
    }
  }

  /**
   * Paths of {@code source} on the retry schedule that are no longer in it (at most {@link #HELD}
   * looked at): a full pass does not meet them, so it asks after them by name.
   */
  java.util.List<String> goneFrom(dev.keepsake.source.Source source) {
    return goneFrom(schedule, source, met, held);
  }

  /**
   * As {@link #goneFrom(dev.keepsake.source.Source)}, for a dry run too: it reads the schedule and
   * writes nothing.
   *
   * @param met {@code source NUL path} of files this pass already met (not asked after again)
   */
  static java.util.List<String> goneFrom(RetrySchedule schedule, dev.keepsake.source.Source source, Set<String> met) {
    return goneFrom(schedule, source, met, HELD);
  }

  private static java.util.List<String> goneFrom(RetrySchedule schedule, dev.keepsake.source.Source source, Set<String> met,
      int held) {
    java.util.List<String> gone = new java.util.ArrayList<>();
    for (RetrySchedule.Entry e : schedule.ofSource(source.name(), held)) {
      if (met.contains(source.name() + "\u0000" + e.path()) || e.path().indexOf('\uFFFD') >= 0) {
        continue; // this pass met it already, or its name cannot be looked up as text (the walk reports it)
      }
      try {
        source.confined().stat(e.path());
      } catch (java.nio.file.NoSuchFileException missing) {
        gone.add(e.path());
      } catch (java.io.IOException | RuntimeException other) {
        // there but unreadable, or a link on its path: the walk reports it as such
      }
    }
    return gone;
  }

  /** The waiting paths of {@code source}, or null when there are too many to hold. */
  private Set<String> waitingOf(String source) {
    if (!waiting.containsKey(source)) {
      RetrySchedule.Summary s = schedule.summary(source);
      Set<String> paths = null;
      if (s.count() <= held) {
        paths = new HashSet<>();
        for (RetrySchedule.Entry e : schedule.ofSource(source, held)) {
          paths.add(e.path());
        }
      }
      waiting.put(source, paths);
    }
    return waiting.get(source);
  }
}
