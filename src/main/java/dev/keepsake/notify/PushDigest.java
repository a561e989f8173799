package dev.keepsake.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keepsake.failure.FailureKind;
import dev.keepsake.ledger.Outgoing;
import dev.keepsake.push.Push;
import java.util.List;
import java.util.Locale;

/**
 * A digest as a push: the mail's subject as title, its text (shortened to what a phone shows) as
 * body, a priority that follows meaning — a loss or a silent phone high, resolved-only low, the
 * rest default — and for the webhook the digest as JSON: the reason, the per-source safe lines,
 * and the open, resolved and lost incidents with counts and sample paths.
 */
final class PushDigest {
  /** ntfy takes 4096 bytes of message; a phone shows far less. */
  private static final int MAX_BODY = 3000;
  private static final ObjectMapper JSON = new ObjectMapper();

  private PushDigest() {}

  static Push.Priority priority(DigestPolicy.Decision d) {
    boolean lost = d.told().stream().anyMatch(s -> s.state() == DigestPolicy.State.LOST);
    boolean silent = d.open().stream().anyMatch(s -> s.incident().fingerprint().kind().equals(FailureKind.SOURCE_SILENT.id()));
    if (lost || silent) {
      return Push.Priority.HIGH;
    }
    boolean onlyResolved = d.open().isEmpty() && d.told().isEmpty() && !d.resolved().isEmpty();
    return onlyResolved ? Push.Priority.LOW : Push.Priority.DEFAULT;
  }

  static Outgoing.Message message(String channel, DigestPolicy.Decision d, MailMessage mail, List<String> safeLines,
      String clickUrl) {
    Push.Priority priority = priority(d);
    String body = mail.text().length() > MAX_BODY ? mail.text().substring(0, MAX_BODY - 1) + "…" : mail.text();
    List<String> tags = switch (priority) {
      case HIGH -> List.of("rotating_light");
      case LOW -> List.of("white_check_mark");
      case DEFAULT -> List.of("warning");
    };
    return new Outgoing.Message(0, channel, null, mail.subject(), body, null, null, priority.name(), tags, clickUrl,
        json(d, safeLines).toString());
  }

  static ObjectNode json(DigestPolicy.Decision d, List<String> safeLines) {
    ObjectNode root = JSON.createObjectNode();
    root.put("reason", d.reason().name().toLowerCase(Locale.ROOT).replace('_', '-'));
    ArrayNode safe = root.putArray("safe");
    safeLines.forEach(safe::add);
    incidents(root.putArray("open"), d.open());
    incidents(root.putArray("resolved"), d.resolved());
    incidents(root.putArray("lost"), d.told().stream().filter(s -> s.state() == DigestPolicy.State.LOST).toList());
    incidents(root.putArray("notices"), d.told().stream().filter(s -> s.state() == DigestPolicy.State.NOTICE).toList());
    return root;
  }

  private static void incidents(ArrayNode out, List<DigestPolicy.Standing> standings) {
    for (DigestPolicy.Standing s : standings) {
      Incident i = s.incident();
      ObjectNode o = out.addObject();
      o.put("kind", i.fingerprint().kind());
      o.put("source", i.fingerprint().source().isEmpty() ? null : i.fingerprint().source());
      o.put("pattern", i.fingerprint().pattern().isEmpty() ? null : i.fingerprint().pattern());
      o.put("count", i.count());
      i.samples().forEach(o.putArray("paths")::add);
      o.put("message", i.message());
      o.put("since", i.firstSeen().toString());
    }
  }
}
