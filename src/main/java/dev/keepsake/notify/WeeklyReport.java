package dev.keepsake.notify;

import dev.keepsake.ledger.ReportQueries;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The weekly ingest report: per source, what was archived (by type and capture month), duplicates
 * skipped and bytes saved, files the phone deleted that the archive kept, files dated only by a weak
 * rule, errors of the week and those still open, archive size and free space, last ingest, the oldest
 * file still waiting; and a bar chart of files per day. It doubles as a weekly sign of life.
 */
public final class WeeklyReport {
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);

  /** What the ledger does not know: free space, and the oldest file waiting (null if none). */
  public record Extra(long freeBytes, String oldestWaiting, java.util.List<String> safeLines) {
    public Extra(long freeBytes, String oldestWaiting) {
      this(freeBytes, oldestWaiting, java.util.List.of());
    }
  }

  private WeeklyReport() {}

  /** The most recent report slot at or before {@code now}: {@code day} at {@code at} in {@code zone}. */
  public static Instant lastSlot(Instant now, DayOfWeek day, LocalTime at, ZoneId zone) {
    ZonedDateTime local = now.atZone(zone);
    ZonedDateTime slot = local.with(TemporalAdjusters.previousOrSame(day)).toLocalDate().atTime(at).atZone(zone);
    if (slot.isAfter(local)) {
      slot = slot.toLocalDate().minusWeeks(1).atTime(at).atZone(zone);
    }
    return slot.toInstant();
  }

  public static MailMessage build(ReportQueries q, Instant since, Instant until, ZoneId zone, Extra extra, String host) {
    StringBuilder t = new StringBuilder();
    StringBuilder h = new StringBuilder("<html><body style=\"font-family:sans-serif\">");
    String range = DAY.format(since.atZone(zone)) + " – " + DAY.format(until.atZone(zone).minusSeconds(1));
    long totalFiles = 0;
    t.append("Keepsake weekly report, ").append(range).append("\n\n");
    h.append("<h2>Keepsake weekly report, ").append(esc(range)).append("</h2>");
    for (String line : extra.safeLines()) {
      t.append(line).append('\n');
      h.append("<p><b>").append(esc(line)).append("</b></p>");
    }
    if (!extra.safeLines().isEmpty()) {
      t.append('\n');
    }
    for (String source : q.sources()) {
      ReportQueries.SourceWeek w = q.week(source, since, until);
      long files = w.byType().values().stream().mapToLong(v -> v[0]).sum();
      long bytes = w.byType().values().stream().mapToLong(v -> v[1]).sum();
      totalFiles += files;
      t.append("Source ").append(source).append(":\n");
      t.append("  archived ").append(HumanText.count(files, "file")).append(" (").append(human(bytes)).append(")");
      w.byType().forEach((type, v) -> t.append(", ").append(type).append(' ').append(v[0]));
      t.append('\n');
      h.append("<h3>").append(esc(source)).append("</h3><table cellpadding=\"3\">")
          .append(row("archived", HumanText.count(files, "file") + " (" + human(bytes) + ")"));
      w.byType().forEach((type, v) -> h.append(row("&nbsp;&nbsp;" + esc(type), v[0] + " (" + human(v[1]) + ")")));
      if (!w.byCaptureMonth().isEmpty()) {
        List<String> months = new ArrayList<>();
        w.byCaptureMonth().forEach((m, n) -> months.add(m + ": " + n));
        t.append("  by capture month: ").append(String.join(", ", months)).append('\n');
        h.append(row("by capture month", esc(String.join(", ", months))));
      }
      t.append("  duplicates skipped: ").append(w.duplicates()).append(" (").append(human(w.bytesSaved())).append(" saved)\n");
      t.append("  deleted on the phone, kept in the archive: ").append(w.deletedButKept()).append('\n');
      if (w.sidecarDated() > 0) { // an import's files: dated by their Google Takeout sidecar
        t.append("  dated by the Takeout sidecar: ").append(w.sidecarDated()).append('\n');
        h.append(row("dated by the Takeout sidecar", String.valueOf(w.sidecarDated())));
      }
      t.append("  dated only by name, user-data day or file time (check these): ").append(w.weakDated()).append('\n');
      w.weakSamples().forEach(s -> t.append("    ").append(s).append('\n'));
      t.append("  last successful ingest: ").append(w.lastIngest() == null ? "never" : HumanText.minute(w.lastIngest(), zone)).append("\n\n");
      h.append(row("duplicates skipped", w.duplicates() + " (" + human(w.bytesSaved()) + " saved)"))
          .append(row("deleted on the phone, kept", String.valueOf(w.deletedButKept())))
          .append(row("dated by name, user-data day or file time", w.weakDated() + (w.weakSamples().isEmpty() ? ""
              : "<br><small>" + esc(String.join(", ", w.weakSamples())) + "</small>")))
          .append(row("last successful ingest", w.lastIngest() == null ? "never" : HumanText.minute(w.lastIngest(), zone)))
          .append("</table>");
    }
    List<ReportQueries.ErrorLine> errors = q.errors(since, until);
    t.append("Errors this week:").append(errors.isEmpty() ? " none" : "").append('\n');
    h.append("<h3>Errors</h3>").append(errors.isEmpty() ? "<p>None this week.</p>" : "<ul>");
    for (ReportQueries.ErrorLine e : errors) {
      String line = Fingerprint.fromKey(e.fingerprint()) + " — " + e.count() + "×" + (e.open() ? " (still open)"
          : "lost".equals(e.closedAs()) ? " (LOST: files left the phone before they could be archived)"
          : "notice".equals(e.closedAs()) ? " (told)" : " (resolved)");
      t.append("- ").append(line).append(": ").append(e.message()).append('\n');
      h.append("<li><b>").append(esc(line)).append("</b>: ").append(esc(e.message())).append("</li>");
    }
    h.append(errors.isEmpty() ? "" : "</ul>");
    long[] totals = q.archiveTotals();
    String archive = HumanText.count(totals[0], "file") + ", " + human(totals[1]) + "; " + human(extra.freeBytes()) + " free";
    t.append("\nArchive: ").append(archive).append('\n');
    t.append("Oldest file still waiting: ").append(extra.oldestWaiting() == null ? "none" : extra.oldestWaiting()).append('\n');
    h.append("<h3>Archive</h3><p>").append(esc(archive)).append("<br>Oldest file still waiting: ")
        .append(esc(extra.oldestWaiting() == null ? "none" : extra.oldestWaiting())).append("</p>");
    Map<LocalDate, Long> perDay = q.filesPerDay(since, until, zone);
    h.append("<h3>Files archived per day</h3><p><img src=\"cid:chart\" width=\"").append(BarChart.WIDTH)
        .append("\" height=\"").append(BarChart.HEIGHT).append("\" alt=\"files per day\"></p><table cellpadding=\"3\"><tr>");
    perDay.forEach((d, n) -> h.append("<td>").append(esc(DAY.format(d))).append(": ").append(n).append("</td>"));
    h.append("</tr></table></body></html>");
    t.append("Files per day: ");
    List<String> days = new ArrayList<>();
    perDay.forEach((d, n) -> days.add(DAY.format(d) + " " + n));
    t.append(String.join(", ", days)).append('\n');
    String subject = "[keepsake" + (host.isEmpty() ? "" : " " + host) + "] weekly report: " + HumanText.count(totalFiles, "file")
        + " archived, " + HumanText.count(errors.stream().filter(ReportQueries.ErrorLine::open).count(), "open problem");
    return new MailMessage(subject, t.toString(), h.toString(), BarChart.png(List.copyOf(perDay.values())));
  }

  private static String row(String label, String value) {
    return "<tr><td>" + label + "</td><td><b>" + value + "</b></td></tr>";
  }

  static String human(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double v = bytes;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }

  private static String esc(String s) {
    return DigestComposer.escape(s);
  }
}
