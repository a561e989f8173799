package dev.keepsake.notify;

import java.time.Instant;
import java.util.List;

/** What became of the files behind a file incident: how many still wait, which were archived or lost since. */
public interface FileStates {
  /** How many files of {@code fp} still wait to be archived (up to a cap: "some" is enough). */
  long waiting(Fingerprint fp);

  /** Files of {@code fp} that stopped waiting at or after {@code since}. */
  Settled settledSince(Fingerprint fp, Instant since);

  /** How the waiting ended: counts, and a few paths of each. */
  record Settled(long archived, List<String> archivedSamples, long lost, List<String> lostSamples) {
    public static final Settled NONE = new Settled(0, List.of(), 0, List.of());
  }

  /** Nothing ever waits (tests of conditions alone). */
  FileStates NONE = new FileStates() {
    @Override
    public long waiting(Fingerprint fp) {
      return 0;
    }

    @Override
    public Settled settledSince(Fingerprint fp, Instant since) {
      return Settled.NONE;
    }
  };
}
