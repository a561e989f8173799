package dev.keepsake.notify;

import dev.keepsake.failure.FailureKind;
import dev.keepsake.ledger.IncidentRow;
import dev.keepsake.ledger.Incidents;
import dev.keepsake.ledger.Ledger;
import dev.keepsake.ledger.Outgoing;
import dev.keepsake.notify.DigestPolicy.Standing;
import dev.keepsake.notify.DigestPolicy.State;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The digest loop, one {@link #tick} at a time: run the dead-man checks, fold the journal into the
 * incidents kept in the ledger, find where each stands (its files still waiting? its condition
 * clear?), ask the policy, send, and only after the transport succeeded mark the digest sent. A failed send changes nothing (the next tick tries again) and is logged — never
 * recorded as an incident, so a broken mail server cannot feed itself.
 */
public final class Notifier {
  private static final Logger log = LoggerFactory.getLogger(Notifier.class);
  private static final Duration COMPLAIN_EVERY = Duration.ofMinutes(30);

  /**
   * A check of one condition, run on every tick: it records an error of {@link #kind} while the
   * condition is bad; a tick on which it records none finds the condition clear.
   */
  public interface DeadManCheck {
    FailureKind kind();

    void check(ErrorJournal journal, Instant now);
  }

  private final ErrorJournal journal;
  private final Ledger ledger;
  private final DigestPolicy policy;
  private final MailTransport transport;
  private final DigestComposer composer;
  private final Clock clock;
  private final List<DeadManCheck> checks;
  private final FileStates files;
  private java.util.function.Supplier<List<String>> safeLines = List::of;
  private Instant lastComplaint;
  private List<dev.keepsake.push.PushChannel> channels = List.of();
  private String clickUrl;
  private final Map<String, Instant> channelComplaints = new HashMap<>();
  /** The queue name of mail that could not go at once while push channels went ahead. */
  static final String MAIL = "mail";

  public Notifier(ErrorJournal journal, Ledger ledger, DigestPolicy policy, MailTransport transport, Clock clock,
      ZoneId zone, String host, List<DeadManCheck> checks) {
    this(journal, ledger, policy, transport, clock, zone, host, checks, new LedgerFileStates(ledger.retries()));
  }

  /** @param files what became of the files behind file incidents (the ledger's retry schedule) */
  public Notifier(ErrorJournal journal, Ledger ledger, DigestPolicy policy, MailTransport transport, Clock clock,
      ZoneId zone, String host, List<DeadManCheck> checks, FileStates files) {
    this.journal = journal;
    this.ledger = ledger;
    this.policy = policy;
    this.transport = transport;
    this.composer = new DigestComposer(zone, host);
    this.clock = clock;
    this.checks = List.copyOf(checks);
    this.files = files;
  }

  /**
   * Push channels beside mail: each digest is queued for every channel in the transaction that
   * records it, and each channel delivers its own queue (so one that is down holds back no other).
   *
   * @param clickUrl the status page's public address ({@code server.public-url}), or null
   */
  public Notifier withChannels(List<dev.keepsake.push.PushChannel> channels, String clickUrl) {
    this.channels = List.copyOf(channels);
    this.clickUrl = clickUrl;
    return this;
  }

  /** The per-phone "safe to delete" lines every digest opens with. */
  public Notifier withSafeLines(java.util.function.Supplier<List<String>> lines) {
    this.safeLines = lines;
    return this;
  }

  /** One round. Returns the digest it sent, or null. */
  public synchronized MailMessage tick() {
    Instant now = clock.instant();
    Set<String> checked = new HashSet<>();
    for (DeadManCheck check : checks) {
      check.check(journal, now);
      checked.add(check.kind().id());
    }
    Map<Fingerprint, Incident> incidents = new HashMap<>();
    for (IncidentRow row : ledger.incidents().all()) {
      Incident i = Incident.fromRow(row);
      incidents.put(i.fingerprint(), i);
    }
    Set<Fingerprint> seenNow = new HashSet<>();
    Map<Fingerprint, Incident> changed = new HashMap<>();
    for (ErrorJournal.Tally t : journal.drain()) {
      Incident before = incidents.get(t.fingerprint());
      // one that recurs before its end was announced stays the same incident (no flapping mails)
      Incident after = before == null ? Incident.first(t) : before.absorb(t);
      incidents.put(after.fingerprint(), after);
      changed.put(after.fingerprint(), after);
      seenNow.add(t.fingerprint());
    }
    List<Standing> standings = new ArrayList<>();
    Map<IncidentRow, Incidents.Closed> quiet = new HashMap<>();
    for (Incident i : incidents.values()) {
      Standing s = standing(i, checked.contains(i.fingerprint().kind()), seenNow.contains(i.fingerprint()), now);
      if (s.incident() != i) {
        changed.put(i.fingerprint(), s.incident());
      }
      if (s.state() == State.RESOLVED && !s.incident().announced()) {
        quiet.put(s.incident().toRow(), Incidents.Closed.CLEARED_UNANNOUNCED); // over before anyone was told
      } else {
        standings.add(s);
      }
    }
    if (!changed.isEmpty()) {
      ledger.incidents().save(changed.values().stream().map(Incident::toRow).toList());
    }
    if (!quiet.isEmpty()) {
      ledger.incidents().digestSent(List.of(), quiet, null);
    }
    MailMessage queuedMail = deliverQueued(now); // what earlier ticks queued goes first, in order
    DigestPolicy.Decision decision = policy.decide(standings, ledger.incidents().lastDigestSent(), now);
    if (decision == null) {
      return queuedMail;
    }
    List<String> lines = safeLines.get();
    MailMessage mail = composer.compose(decision, lines);
    boolean mailed = ledger.outgoing().waiting(MAIL) == 0; // never overtake a mail still queued
    if (mailed) {
      try {
        transport.send(mail);
      } catch (MailException e) {
        mailed = false;
        if (lastComplaint == null || Duration.between(lastComplaint, now).compareTo(COMPLAIN_EVERY) >= 0) {
          log.warn("cannot send the error digest via {}: {} (kept; retrying every tick)", transport.describe(), e.getMessage());
          lastComplaint = now;
        }
      }
    }
    if (!mailed && channels.isEmpty()) {
      return null; // mail alone: nothing is recorded, the next tick decides again
    }
    List<Outgoing.Message> queued = new ArrayList<>();
    for (dev.keepsake.push.PushChannel channel : channels) {
      queued.add(PushDigest.message(channel.name(), decision, mail, lines, clickUrl));
    }
    if (!mailed) { // the push channels go ahead; the mail waits in its own queue
      queued.add(new Outgoing.Message(0, MAIL, now, mail.subject(), mail.text(), mail.html(), mail.chartPng(),
          "DEFAULT", List.of(), null, null));
    }
    Map<IncidentRow, Incidents.Closed> closed = new HashMap<>();
    decision.resolved().forEach(s -> closed.put(s.incident().toRow(), Incidents.Closed.RESOLVED));
    decision.told().forEach(s -> closed.put(s.incident().toRow(),
        s.state() == State.LOST ? Incidents.Closed.LOST : Incidents.Closed.NOTICE));
    ledger.incidents().digestSent(decision.open().stream().map(s -> s.incident().toRow()).toList(), closed, now, queued);
    log.info("{} digest: {}", mailed ? "sent" : "queued", mail.subject());
    deliverQueued(now);
    return mailed ? mail : null;
  }

  /**
   * Each channel's queue, oldest first, until its channel refuses one (that one and the rest wait
   * for the next tick). Returns the queued mail delivered now, if any.
   */
  private MailMessage deliverQueued(Instant now) {
    MailMessage delivered = null;
    Outgoing out = ledger.outgoing();
    for (Outgoing.Message m : out.pending(MAIL, 10)) {
      MailMessage mail = new MailMessage(m.title(), m.body(), m.html(), m.png());
      try {
        transport.send(mail);
      } catch (MailException e) {
        complain(MAIL + " via " + transport.describe(), e.getMessage(), now);
        break;
      }
      out.delivered(m.seq());
      delivered = mail;
      log.info("sent queued digest: {}", m.title());
    }
    for (dev.keepsake.push.PushChannel channel : channels) {
      for (Outgoing.Message m : out.pending(channel.name(), 10)) {
        try {
          channel.send(new dev.keepsake.push.Push(m.title(), m.body(), dev.keepsake.push.Push.Priority.valueOf(m.priority()),
              m.tags(), m.click(), m.json()));
        } catch (dev.keepsake.push.PushException | RuntimeException e) {
          complain(channel.describe(), e.getMessage(), now);
          break;
        }
        out.delivered(m.seq());
      }
    }
    return delivered;
  }

  /** A channel that is down is said in the log at most every half hour, never as an incident (it cannot feed itself). */
  private void complain(String channel, String why, Instant now) {
    Instant last = channelComplaints.get(channel);
    if (last == null || Duration.between(last, now).compareTo(COMPLAIN_EVERY) >= 0) {
      log.warn("cannot deliver to {}: {} (kept; retrying every tick)", channel, why);
      channelComplaints.put(channel, now);
    }
  }

  /**
   * Where an incident stands now. Files: lasting while any of its files waits on the retry schedule.
   * A checked condition: lasting while its check records it. Anything else (a condition no check
   * watches): lasting until not seen for {@code resolveAfter}.
   */
  private Standing standing(Incident i, boolean checkedNow, boolean seenNow, Instant now) {
    IncidentKind sort = i.sort();
    if (sort == IncidentKind.LOSS) {
      return Standing.of(i, State.LOST);
    }
    if (sort == IncidentKind.NOTICE) {
      return Standing.of(i, State.NOTICE);
    }
    Duration damp = policy.timings().resolveAfter();
    boolean lasting;
    if (checkedNow) {
      lasting = seenNow;
    } else if (sort == IncidentKind.FILES) {
      lasting = seenNow || files.waiting(i.fingerprint()) > 0;
    } else {
      lasting = seenNow || i.lastSeen().plus(damp).isAfter(now);
    }
    Incident next = lasting ? i.reopened() : i.cleared(now);
    if (next.clearedAt() == null) {
      return Standing.of(next, State.OPEN);
    }
    if (next.clearedAt().plus(damp).isAfter(now)) {
      return Standing.of(next, State.CLEARING);
    }
    FileStates.Settled settled = sort == IncidentKind.FILES ? files.settledSince(i.fingerprint(), i.firstSeen())
        : FileStates.Settled.NONE;
    return new Standing(next, settled.lost() > 0 ? State.LOST : State.RESOLVED, settled);
  }
}
