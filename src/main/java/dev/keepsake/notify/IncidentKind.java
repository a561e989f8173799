package dev.keepsake.notify;

import dev.keepsake.failure.FailureKind;

/**
 * What ends an incident, by its fingerprint. "Resolved" is said only when it is true:
 * <ul>
 *   <li>{@link #FILES}: files that failed; over when every one of them is archived (the retry
 *       schedule holds none of its files) — or has left the source, which is a loss, not a resolution;
 *   <li>{@link #CONDITION}: a state of the service (Syncthing unreachable, the archive missing,
 *       passes failing); over when its check runs and finds it clear;
 *   <li>{@link #LOSS}: files that left the source before they could be archived: said once, plainly;
 *   <li>{@link #NOTICE}: events to know of that no later check undoes (a refused path, a file
 *       missing from the archive): said once, never "resolved".
 * </ul>
 */
public enum IncidentKind {
  FILES, CONDITION, LOSS, NOTICE;

  static IncidentKind of(Fingerprint fp) {
    boolean aboutFiles = !fp.pattern().isEmpty();
    FailureKind kind = FailureKind.of(fp.kind(), aboutFiles).orElse(null);
    if (kind != null && kind.loss()) {
      return LOSS;
    }
    if (kind != null && kind.scope() == FailureKind.Scope.NOTICE) {
      return NOTICE;
    }
    return aboutFiles ? FILES : CONDITION;
  }
}
