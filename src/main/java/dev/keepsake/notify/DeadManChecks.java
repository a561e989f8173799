package dev.keepsake.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/** The dead-man checks: things that are wrong by having been wrong for too long. */
public final class DeadManChecks {
  private DeadManChecks() {}

  /** A file still waiting (settling or failing) in a source after {@code limit}. */
  public record Waiting(String source, String path) {}

  /** Syncthing unreachable for longer than {@code limit} (15 minutes in the service). */
  public static Notifier.DeadManCheck syncthingDown(Supplier<Instant> downSince, Supplier<String> problem, Duration limit) {
    return (journal, now) -> {
      Instant since = downSince.get();
      if (since != null && Duration.between(since, now).compareTo(limit) > 0) {
        journal.record("syncthing-unreachable", null, null, "Syncthing unreachable since " + since + ": " + problem.get());
      }
    };
  }

  /** The archive missing or not writable (the service pauses ingesting meanwhile). */
  public static Notifier.DeadManCheck archive(Supplier<String> problem) {
    return (journal, now) -> {
      String p = problem.get();
      if (p != null) {
        journal.record("archive-unwritable", null, null, p);
      }
    };
  }

  /** Files waiting longer than {@code stallAfter}; {@code waitingBefore} lists those waiting since before a time. */
  public static Notifier.DeadManCheck stalled(Function<Instant, List<Waiting>> waitingBefore, Duration stallAfter) {
    return (journal, now) -> waitingBefore.apply(now.minus(stallAfter)).forEach(w -> journal.record("ingest-stalled",
        w.source(), w.path(), w.path() + " has waited in " + w.source() + " longer than " + stallAfter.toHours()
            + " h without reaching the archive"));
  }
}
