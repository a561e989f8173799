package dev.keepsake.notify;

import dev.keepsake.ledger.IncidentRow;
import dev.keepsake.ledger.Ledger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The digest loop, one {@link #tick} at a time: run the dead-man checks, fold the journal into the
 * incidents kept in the ledger, ask the policy, send, and only after the transport succeeded mark
 * the digest sent. A failed send changes nothing (the next tick tries again) and is logged — never
 * recorded as an incident, so a broken mail server cannot feed itself.
 */
public final class Notifier {
  private static final Logger log = LoggerFactory.getLogger(Notifier.class);
  private static final Duration COMPLAIN_EVERY = Duration.ofMinutes(30);

  /** A check that records an error when something has been wrong too long. */
  @FunctionalInterface
  public interface DeadManCheck {
    void check(ErrorJournal journal, Instant now);
  }

  private final ErrorJournal journal;
  private final Ledger ledger;
  private final DigestPolicy policy;
  private final MailTransport transport;
  private final DigestComposer composer;
  private final Clock clock;
  private final List<DeadManCheck> checks;
  private Instant lastComplaint;

  public Notifier(ErrorJournal journal, Ledger ledger, DigestPolicy policy, MailTransport transport, Clock clock,
      ZoneId zone, String host, List<DeadManCheck> checks) {
    this.journal = journal;
    this.ledger = ledger;
    this.policy = policy;
    this.transport = transport;
    this.composer = new DigestComposer(zone, host);
    this.clock = clock;
    this.checks = List.copyOf(checks);
  }

  /** One round. Returns the digest it sent, or null. */
  public synchronized MailMessage tick() {
    Instant now = clock.instant();
    for (DeadManCheck check : checks) {
      check.check(journal, now);
    }
    Map<Fingerprint, Incident> incidents = new HashMap<>();
    for (IncidentRow row : ledger.incidents()) {
      Incident i = Incident.fromRow(row);
      incidents.put(i.fingerprint(), i);
    }
    List<ErrorJournal.Tally> tallies = journal.drain();
    if (!tallies.isEmpty()) {
      List<IncidentRow> changed = new ArrayList<>();
      for (ErrorJournal.Tally t : tallies) {
        Incident before = incidents.get(t.fingerprint());
        // one that recurs before its resolution was announced stays the same incident (no flapping mails)
        Incident after = before == null ? Incident.first(t) : before.absorb(t);
        incidents.put(after.fingerprint(), after);
        changed.add(after.toRow());
      }
      ledger.saveIncidents(changed);
    }
    DigestPolicy.Decision decision = policy.decide(incidents.values(), ledger.lastDigestSent(), now);
    if (decision == null) {
      return null;
    }
    MailMessage mail = composer.compose(decision);
    try {
      transport.send(mail);
    } catch (MailException e) {
      if (lastComplaint == null || Duration.between(lastComplaint, now).compareTo(COMPLAIN_EVERY) >= 0) {
        log.warn("cannot send the error digest via {}: {} (kept; retrying every tick)", transport.describe(), e.getMessage());
        lastComplaint = now;
      }
      return null;
    }
    ledger.digestSent(decision.open().stream().map(Incident::toRow).toList(),
        decision.resolved().stream().map(Incident::toRow).toList(), now);
    log.info("sent digest: {}", mail.subject());
    return mail;
  }
}
