package dev.keepsake.server;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import dev.keepsake.ingest.ServiceStats;
import dev.keepsake.ingest.SourceTruth;
import dev.keepsake.ledger.ArchivedContent;
import dev.keepsake.ledger.IncidentRow;
import dev.keepsake.notify.Fingerprint;
import dev.keepsake.notify.HumanText;
import dev.keepsake.notify.SafetyLine;
import dev.keepsake.source.Source;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The status page ({@code GET /}): what an owner wants to see at a glance, per phone the "safe to
 * delete everything up to …" line first, then waiting files and why, open problems with their
 * sample paths and fixes, recent arrivals as thumbnails, files per day, the archive's size and free
 * space, and a search of a file's history. Rendered on the server from a logic-less template (HTML
 * escaped by the template engine); no script, no external asset.
 */
final class StatusPage {
  static final int DAYS = 28;
  static final int RECENT = 24;
  private static final Mustache TEMPLATE = new DefaultMustacheFactory("dev/keepsake/server").compile("status.mustache");

  private static final java.time.format.DateTimeFormatter SHORT =
      java.time.format.DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.ENGLISH);

  private StatusPage() {}

  static String render(ServiceStats stats, Map<String, Source> sources, List<IncidentRow> incidents, ArchiveView view,
      ZoneId zone, Instant now, String healthProblem, String host, String question) {
    Map<String, Object> m = new HashMap<>();
    m.put("host", host.isEmpty() ? null : host);
    m.put("healthClass", healthProblem == null ? "ok" : "bad");
    m.put("healthText", healthProblem == null ? "Keepsake is running and healthy" : "PROBLEM: " + healthProblem);
    if (stats.syncthingConfiguredFlag()) {
      boolean up = stats.syncthingConnected();
      m.put("syncthingClass", up ? "ok" : "bad");
      m.put("syncthingText", up ? "Syncthing: connected" : "Syncthing: NOT connected"
          + (stats.syncthingDownSince() == null ? "" : " since " + HumanText.minute(stats.syncthingDownSince(), zone))
          + (stats.syncthingProblem() == null ? "" : ": " + stats.syncthingProblem()));
    }
    List<Map<String, Object>> phones = new ArrayList<>();
    for (Source s : sources.values()) {
      Map<String, Object> p = new HashMap<>();
      SourceTruth t = stats.truth(s.name());
      p.put("name", s.name());
      String line = Safety.line(stats, s.name(), zone, now);
      p.put("safeLine", line);
      p.put("safeClass", line.contains("NOT safe") ? "notsafe" : "allsafe");
      p.put("archivedText", HumanText.count(t == null ? 0 : t.archivedFiles(), "file"));
      p.put("waitingText", waiting(t, zone));
      p.put("lastArrival", t == null || t.lastArrival() == null ? "none yet" : HumanText.minute(t.lastArrival(), zone));
      p.put("silence", silence(incidents, s.name()));
      var losses = view.recentLosses(s.name());
      p.put("lost", losses.isEmpty() ? null : "LOST in the last 30 days: " + HumanText.count(losses.size(), "file")
          + (losses.size() >= 5 ? " or more" : "") + " left the phone before " + (losses.size() == 1 ? "it" : "they")
          + " could be archived: " + String.join(", ", losses.stream().map(l -> l.path()).toList()));
      phones.add(p);
    }
    m.put("sources", phones);
    List<Map<String, Object>> unplaced = new ArrayList<>();
    stats.unplaced().forEach((name, why) -> unplaced.add(Map.of("name", name, "why", why)));
    m.put("unplaced", unplaced);
    List<Map<String, Object>> problems = new ArrayList<>();
    for (IncidentRow row : incidents) {
      Fingerprint fp = Fingerprint.fromKey(row.fingerprint());
      Map<String, Object> p = new HashMap<>();
      p.put("title", fp.kind() + (fp.source().isEmpty() ? "" : " " + fp.source()) + (fp.pattern().isEmpty() ? "" : " " + fp.pattern()));
      p.put("message", row.message());
      p.put("paths", row.samples());
      p.put("hasPaths", !row.samples().isEmpty());
      p.put("countText", HumanText.count(row.count(), "time"));
      p.put("since", HumanText.minute(row.firstSeen(), zone));
      p.put("cleared", row.clearedAt() != null);
      problems.add(p);
    }
    m.put("problems", problems);
    List<Map<String, Object>> recent = new ArrayList<>();
    for (ArchivedContent c : view.recent(RECENT)) {
      Map<String, Object> r = new HashMap<>();
      r.put("hash", c.hash().hex());
      r.put("path", c.archivePath());
      r.put("pathParam", URLEncoder.encode(c.archivePath(), StandardCharsets.UTF_8));
      r.put("name", c.archivePath().substring(c.archivePath().lastIndexOf('/') + 1));
      r.put("when", SHORT.format(c.ingestedAt().atZone(zone)));
      recent.add(r);
    }
    m.put("recent", recent);
    LocalDate today = LocalDate.ofInstant(now, zone);
    m.put("dayCount", DAYS);
    m.put("chart", DayChart.svg(view.perDay(today.minusDays(DAYS - 1), today)));
    long[] totals = view.totals();
    m.put("archiveText", HumanText.count(totals[0], "file") + ", " + bytes(totals[1]));
    long free = view.freeBytes();
    m.put("freeText", free < 0 ? "unknown" : bytes(free));
    String q = question == null ? "" : question.strip();
    m.put("q", q);
    m.put("asked", !q.isEmpty());
    if (!q.isEmpty()) {
      m.put("found", view.find(q));
    }
    m.put("now", HumanText.second(now, zone));
    StringWriter out = new StringWriter(16 * 1024);
    TEMPLATE.execute(out, m);
    return out.toString();
  }

  private static String waiting(SourceTruth t, ZoneId zone) {
    if (t == null || t.waitingFiles() == 0) {
      return "nothing waiting";
    }
    StringBuilder s = new StringBuilder(HumanText.count(t.waitingFiles(), "file") + " waiting");
    if (t.waitingKind() != null) {
      s.append(" [").append(t.waitingKind()).append("]");
    }
    if (t.waitingMessage() != null) {
      s.append(": ").append(t.waitingMessage());
    }
    if (t.nextRetry() != null) {
      s.append("; next retry ").append(HumanText.minute(t.nextRetry(), zone));
    }
    return s.toString();
  }

  private static String silence(List<IncidentRow> incidents, String source) {
    for (IncidentRow row : incidents) {
      Fingerprint fp = Fingerprint.fromKey(row.fingerprint());
      if (fp.kind().equals(dev.keepsake.failure.FailureKind.SOURCE_SILENT.id()) && fp.source().equals(source)
          && row.clearedAt() == null) {
        return "Silent: " + row.message();
      }
    }
    return null;
  }

  static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
    double v = n;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, v < 10 ? "%.1f %s" : "%.0f %s", v, units[u]);
  }
}
