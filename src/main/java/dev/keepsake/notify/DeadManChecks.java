package dev.keepsake.notify;

import dev.keepsake.failure.FailureKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The dead-man checks: conditions checked on every tick. Each records its kind while the condition
 * is bad; a tick on which it records nothing is the proof that it is clear (which resolves it).
 */
public final class DeadManChecks {
  private DeadManChecks() {}

  /** A file still waiting (settling or failing) in a source after {@code limit}. */
  public record Waiting(String source, String path) {}

  private static Notifier.DeadManCheck check(FailureKind kind, java.util.function.BiConsumer<ErrorJournal, Instant> body) {
    return new Notifier.DeadManCheck() {
      @Override
      public FailureKind kind() {
        return kind;
      }

      @Override
      public void check(ErrorJournal journal, Instant now) {
        body.accept(journal, now);
      }
    };
  }

  /** Syncthing unreachable for longer than {@code limit} (15 minutes in the service). */
  public static Notifier.DeadManCheck syncthingDown(Supplier<Instant> downSince, Supplier<String> problem, Duration limit) {
    return check(FailureKind.SYNCTHING_UNREACHABLE, (journal, now) -> {
      Instant since = downSince.get();
      if (since != null && Duration.between(since, now).compareTo(limit) > 0) {
        journal.record(FailureKind.SYNCTHING_UNREACHABLE, null, null, "Syncthing unreachable since " + since + ": " + problem.get());
      }
    });
  }

  /** Syncthing refuses the API key (or the Host header), for as long as it does. */
  public static Notifier.DeadManCheck syncthingAuth(Supplier<String> problem) {
    return condition(FailureKind.SYNCTHING_AUTH, problem);
  }

  /** The archive missing or not writable (the service pauses ingesting meanwhile). */
  public static Notifier.DeadManCheck archive(Supplier<String> problem) {
    return condition(FailureKind.ARCHIVE_NOT_WRITABLE, problem);
  }

  /** Ingest passes that keep failing on something not about one file (the ledger, a bug). */
  public static Notifier.DeadManCheck ingestFailing(Supplier<String> problem) {
    return condition(FailureKind.INGEST_FAILING, problem);
  }

  /** Sources (or folders of them) the last reconcile could not read, by source name. */
  public static Notifier.DeadManCheck sourceProblems(Supplier<Map<String, String>> problems) {
    return check(FailureKind.SOURCE_PROBLEM, (journal, now) ->
        problems.get().forEach((source, problem) -> journal.record(FailureKind.SOURCE_PROBLEM, source, null, problem)));
  }

  private static Notifier.DeadManCheck condition(FailureKind kind, Supplier<String> problem) {
    return check(kind, (journal, now) -> {
      String p = problem.get();
      if (p != null) {
        journal.record(kind, null, null, p);
      }
    });
  }

  /** Files waiting longer than {@code stallAfter}; {@code waitingBefore} lists those waiting since before a time. */
  public static Notifier.DeadManCheck stalled(Function<Instant, List<Waiting>> waitingBefore, Duration stallAfter) {
    return check(FailureKind.INGEST_STALLED, (journal, now) -> waitingBefore.apply(now.minus(stallAfter)).forEach(w -> journal.record(
        FailureKind.INGEST_STALLED, w.source(), w.path(), w.path() + " has waited in " + w.source() + " longer than "
            + stallAfter.toHours() + " h without reaching the archive")));
  }
}
