package dev.keepsake.notify;

import dev.keepsake.ledger.RetrySchedule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** {@link FileStates} from the ledger's retry schedule and its log, grouped by fingerprint pattern. */
public final class LedgerFileStates implements FileStates {
  /** Rows read per kind and source: an incident needs "are there any", and a few names. */
  private static final int LIMIT = 100_000;
  private static final int SAMPLES = 5;
  private final RetrySchedule schedule;

  public LedgerFileStates(RetrySchedule schedule) {
    this.schedule = schedule;
  }

  @Override
  public long waiting(Fingerprint fp) {
    return schedule.waiting(fp.kind(), fp.source(), LIMIT).stream()
        .filter(e -> Fingerprint.pattern(e.path()).equals(fp.pattern())).count();
  }

  @Override
  public Settled settledSince(Fingerprint fp, Instant since) {
    long archived = 0;
    long lost = 0;
    List<String> archivedSamples = new ArrayList<>();
    List<String> lostSamples = new ArrayList<>();
    for (RetrySchedule.Settled s : schedule.settledSince(fp.kind(), fp.source(), since, LIMIT)) {
      if (!Fingerprint.pattern(s.path()).equals(fp.pattern())) {
        continue;
      }
      if (s.outcome() == RetrySchedule.Outcome.LOST) {
        lost++;
        if (lostSamples.size() < SAMPLES) {
          lostSamples.add(s.path());
        }
      } else {
        archived++;
        if (archivedSamples.size() < SAMPLES) {
          archivedSamples.add(s.path());
        }
      }
    }
    return new Settled(archived, archivedSamples, lost, lostSamples);
  }
}
