package dev.keepsake.server;

import dev.keepsake.ingest.ServiceStats;
import dev.keepsake.ingest.SourceTruth;
import dev.keepsake.notify.SafetyLine;

/** The facts of a source's safety line, from what the running service knows of it. */
public final class Safety {
  private Safety() {}

  /**
   * The source's safety line as the running service says it: NOT safe while the archive itself is
   * missing or not writable (whatever the ledger says was archived, the disk is not there to prove it).
   */
  public static String line(ServiceStats stats, String source, java.time.ZoneId zone, java.time.Instant now) {
    String archive = stats.archiveProblem();
    if (archive != null) {
      return source + ": NOT safe: the archive cannot be used now (" + archive + ")";
    }
    return SafetyLine.of(facts(stats, source), zone, now);
  }

  public static SafetyLine.Facts facts(ServiceStats stats, String source) {
    SourceTruth t = stats.truth(source);
    ServiceStats.PhoneSync phone = stats.phoneSync(source);
    return new SafetyLine.Facts(source, stats.safeThrough(source), phone != null, phone != null && phone.connected(),
        phone == null ? null : phone.inSyncAt(), t == null ? 0 : t.waitingFiles(), t == null ? null : t.oldestWaiting(),
        t == null ? null : t.waitingKind(), t == null ? null : t.waitingMessage(), t == null ? null : t.nextRetry());
  }
}
