package dev.keepsake.ledger;

import java.time.Instant;
import java.util.List;

/**
 * An incident as the ledger stores it for the notifier (which owns its meaning): a fingerprint key,
 * when it was first and last seen, how often, up to five sample paths, the last message, and
 * whether a digest has announced it, and when its trouble was last seen gone (null while it lasts).
 */
public record IncidentRow(
    String fingerprint, Instant firstSeen, Instant lastSeen, long count, List<String> samples, String message,
    boolean announced, Instant clearedAt) {}
