package dev.keepsake.notify;

import dev.keepsake.notify.DigestPolicy.Standing;
import dev.keepsake.notify.DigestPolicy.State;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Writes a digest as a mail: a subject that says the gist, one line per incident with count and
 * samples. Files lost are said as losses, by name; "resolved" only for what is.
 */
final class DigestComposer {
  private final DateTimeFormatter when;
  private final ZoneId zone;
  private final String host;

  DigestComposer(ZoneId zone, String host) {
    this.zone = zone;
    this.host = host;
    this.when = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm zzz");
  }

  MailMessage compose(DigestPolicy.Decision d) {
    return compose(d, List.of());
  }

  /** @param safeLines the per-phone "safe to delete" lines, first in the mail */
  MailMessage compose(DigestPolicy.Decision d, List<String> safeLines) {
    List<Standing> open = d.open();
    List<Standing> fresh = d.fresh();
    List<Standing> lost = d.told().stream().filter(s -> s.state() == State.LOST).toList();
    List<Standing> notices = d.told().stream().filter(s -> s.state() == State.NOTICE).toList();
    long lostFiles = lost.stream().mapToLong(DigestComposer::lostCount).sum();
    String subject = "[keepsake" + (host.isEmpty() ? "" : " " + host) + "] " + (lostFiles > 0
        ? lostFiles + " file" + (lostFiles == 1 ? "" : "s") + " LOST: " + lost.get(0).incident().fingerprint()
            + (open.isEmpty() ? "" : "; " + open.size() + " problem" + (open.size() == 1 ? "" : "s") + " open")
        : switch (d.reason()) {
          case FIRST_NOTICE -> !open.isEmpty()
              ? open.size() + " problem" + (open.size() == 1 ? "" : "s") + ": " + open.get(0).incident().fingerprint()
              : notices.size() + " notice" + (notices.size() == 1 ? "" : "s") + ": " + notices.get(0).incident().fingerprint();
          case NEW_ERRORS -> fresh.isEmpty()
              ? notices.size() + " notice" + (notices.size() == 1 ? "" : "s") + " (" + open.size() + " open)"
              : fresh.size() + " new problem" + (fresh.size() == 1 ? "" : "s") + " (" + open.size() + " open): "
                  + fresh.get(0).incident().fingerprint();
          case ALL_RESOLVED -> "all resolved (" + d.resolved().size() + ")";
          case SOME_RESOLVED -> d.resolved().size() + " resolved, " + open.size() + " still open";
          case REMINDER -> "still failing: " + open.size() + " problem" + (open.size() == 1 ? "" : "s");
        });
    StringBuilder text = new StringBuilder();
    StringBuilder html = new StringBuilder("<html><body style=\"font-family:sans-serif\">");
    for (String line : safeLines) {
      text.append(line).append('\n');
      html.append("<p><b>").append(escape(line)).append("</b></p>");
    }
    if (!safeLines.isEmpty()) {
      text.append('\n');
    }
    lost(text, html, lost);
    section(text, html, fresh.isEmpty() ? "Open" : "New", fresh.isEmpty() ? open : fresh, false);
    if (!fresh.isEmpty() && fresh.size() < open.size()) {
      section(text, html, "Still open", open.stream().filter(s -> s.incident().announced()).toList(), false);
    }
    section(text, html, "To know", notices, false);
    section(text, html, "Resolved", d.resolved(), true);
    text.append("\nOne mail per group of alike errors, at most every so often; a reminder while something stays broken.\n"
        + "\"Resolved\" means every file of it is now in the archive, or the condition was checked and is clear.\n");
    html.append("<p style=\"color:#666\">One mail per group of alike errors; a reminder while something stays broken."
        + " \"Resolved\" means every file of it is now in the archive, or the condition was checked and is clear.</p></body></html>");
    return new MailMessage(subject, text.toString(), html.toString(), null);
  }

  private static long lostCount(Standing s) {
    return s.settled().lost() > 0 ? s.settled().lost() : s.incident().count();
  }

  private static final String VERSIONING_FIX =
      "Turn on versioning (Trash Can) for the NAS folder so a file deleted on the phone is kept until archived.";

  private void lost(StringBuilder text, StringBuilder html, List<Standing> lost) {
    if (lost.isEmpty()) {
      return;
    }
    String title = "LOST: left the source before it could be archived (not in the archive)";
    text.append(title).append(":\n");
    html.append("<h3 style=\"color:#a00\">").append(escape(title)).append("</h3><ul>");
    for (Standing s : lost) {
      Incident i = s.incident();
      List<String> names = s.settled().lost() > 0 ? s.settled().lostSamples() : i.samples();
      String line = i.fingerprint() + " — " + lostCount(s) + " file" + (lostCount(s) == 1 ? "" : "s") + ": "
          + String.join(", ", names) + (lostCount(s) > names.size() ? ", …" : "");
      String more = s.settled().archived() > 0 ? "; " + s.settled().archived() + " other(s) of it were archived" : "";
      text.append("- ").append(line).append(more).append("\n  ").append(i.message()).append('\n');
      html.append("<li><b>").append(escape(line)).append("</b>").append(escape(more)).append("<br>")
          .append(escape(i.message())).append("</li>");
    }
    html.append("</ul><p>").append(escape(VERSIONING_FIX)).append("</p>"); // the same fix in both parts
    text.append("  ").append(VERSIONING_FIX).append("\n\n");
  }

  private void section(StringBuilder text, StringBuilder html, String title, List<Standing> standings, boolean resolved) {
    if (standings.isEmpty()) {
      return;
    }
    text.append(title).append(":\n");
    html.append("<h3>").append(escape(title)).append("</h3><ul>");
    for (Standing s : standings) {
      Incident i = s.incident();
      String line = i.fingerprint() + " — " + i.count() + "× between " + when.format(i.firstSeen().atZone(zone))
          + " and " + when.format(i.lastSeen().atZone(zone));
      String detail = i.message();
      List<String> samples = i.samples();
      if (resolved) {
        FileStates.Settled settled = s.settled();
        detail = settled.archived() > 0
            ? settled.archived() + " file" + (settled.archived() == 1 ? "" : "s") + " archived since, every one of it"
            : "clear since " + when.format(i.clearedAt().atZone(zone));
        samples = settled.archived() > 0 ? settled.archivedSamples() : List.of();
      }
      text.append("- ").append(line).append("\n  ").append(detail).append('\n');
      html.append("<li><b>").append(escape(line)).append("</b><br>").append(escape(detail));
      if (!samples.isEmpty()) {
        text.append("  e.g. ").append(String.join(", ", samples)).append('\n');
        html.append("<br><small>e.g. ").append(escape(String.join(", ", samples))).append("</small>");
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
