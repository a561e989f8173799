package dev.keepsake.notify;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Writes a digest as a mail: a subject that says the gist, one line per incident with count and samples. */
final class DigestComposer {
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
  private final ZoneId zone;
  private final String host;

  DigestComposer(ZoneId zone, String host) {
    this.zone = zone;
    this.host = host;
  }

  MailMessage compose(DigestPolicy.Decision d) {
    List<Incident> open = d.open();
    List<Incident> fresh = d.fresh();
    String subject = "[keepsake" + (host.isEmpty() ? "" : " " + host) + "] " + switch (d.reason()) {
      case FIRST_NOTICE -> open.size() + " problem" + (open.size() == 1 ? "" : "s") + ": " + open.get(0).fingerprint();
      case NEW_ERRORS -> fresh.size() + " new problem" + (fresh.size() == 1 ? "" : "s") + " (" + open.size() + " open): " + fresh.get(0).fingerprint();
      case ALL_RESOLVED -> "all resolved (" + d.resolved().size() + ")";
      case SOME_RESOLVED -> d.resolved().size() + " resolved, " + open.size() + " still open";
      case REMINDER -> "still failing: " + open.size() + " problem" + (open.size() == 1 ? "" : "s");
    };
    StringBuilder text = new StringBuilder();
    StringBuilder html = new StringBuilder("<html><body style=\"font-family:sans-serif\">");
    section(text, html, fresh.isEmpty() ? "Open" : "New", fresh.isEmpty() ? open : fresh);
    if (!fresh.isEmpty() && fresh.size() < open.size()) {
      section(text, html, "Still open", open.stream().filter(Incident::announced).toList());
    }
    section(text, html, "Resolved (not seen again)", d.resolved());
    text.append("\nOne mail per group of alike errors, at most every so often; a reminder while something stays broken.\n");
    html.append("<p style=\"color:#666\">One mail per group of alike errors; a reminder while something stays broken.</p></body></html>");
    return new MailMessage(subject, text.toString(), html.toString(), null);
  }

  private void section(StringBuilder text, StringBuilder html, String title, List<Incident> incidents) {
    if (incidents.isEmpty()) {
      return;
    }
    text.append(title).append(":\n");
    html.append("<h3>").append(escape(title)).append("</h3><ul>");
    for (Incident i : incidents) {
      String line = i.fingerprint() + " — " + i.count() + "× between " + WHEN.format(i.firstSeen().atZone(zone))
          + " and " + WHEN.format(i.lastSeen().atZone(zone));
      text.append("- ").append(line).append("\n  ").append(i.message()).append('\n');
      html.append("<li><b>").append(escape(line)).append("</b><br>").append(escape(i.message()));
      if (!i.samples().isEmpty()) {
        text.append("  e.g. ").append(String.join(", ", i.samples())).append('\n');
        html.append("<br><small>e.g. ").append(escape(String.join(", ", i.samples()))).append("</small>");
      }
      html.append("</li>");
    }
    html.append("</ul>");
    text.append('\n');
  }

  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
