package dev.keepsake.server;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/** Files per day as an inline SVG bar chart: markup only (no script, no style attribute), so a strict CSP allows it. */
final class DayChart {
  private static final DateTimeFormatter LABEL = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);

  private DayChart() {}

  static String svg(Map<LocalDate, Long> perDay) {
    int n = Math.max(1, perDay.size());
    long max = Math.max(1, perDay.values().stream().mapToLong(Long::longValue).max().orElse(1));
    int width = 700;
    int height = 180;
    int top = 16;
    int bottom = 28;
    double slot = (double) width / n;
    StringBuilder s = new StringBuilder(4096);
    s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(width).append(' ').append(height)
        .append("\" role=\"img\" aria-label=\"files archived per day\">");
    int i = 0;
    for (Map.Entry<LocalDate, Long> day : perDay.entrySet()) {
      double h = (height - top - bottom) * (double) day.getValue() / max;
      double x = i * slot + slot * 0.15;
      s.append(String.format(Locale.ROOT, "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#1a73e8\">",
          x, height - bottom - h, slot * 0.7, Math.max(h, day.getValue() > 0 ? 1 : 0)));
      s.append("<title>").append(LABEL.format(day.getKey())).append(": ").append(day.getValue()).append("</title></rect>");
      if ((i % 7 == 0 && n - 1 - i >= 4) || i == n - 1) { // a label a week, none crowding the last
        String anchor = i == 0 ? "start" : i == n - 1 ? "end" : "middle";
        double at = i == 0 ? x : i == n - 1 ? x + slot * 0.7 : x + slot * 0.35;
        s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" fill=\"#5f6368\" text-anchor=\"%s\">%s</text>",
            at, height - 10, anchor, LABEL.format(day.getKey())));
      }
      i++;
    }
    s.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"12\" font-size=\"11\" fill=\"#5f6368\">max %d a day</text>", max));
    return s.append("</svg>").toString();
  }
}
