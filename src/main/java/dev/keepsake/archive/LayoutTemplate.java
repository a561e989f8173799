package dev.keepsake.archive;

import dev.keepsake.source.SourcePath;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where an archived file goes, as a template over its capture date and its name, such as the default
 * {@value #DEFAULT}. Variables: {@code {yyyy} {MM} {dd} {HH} {mm} {ss}} (capture date),
 * {@code {name} {stem} {ext}} (original file name), {@code {source}}, {@code {type}}
 * (photo|video|sidecar|other), {@code {hash8}} (first 8 hex digits of the SHA-256).
 *
 * <p>Parsing rejects unknown variables, absolute templates, {@code ..} segments and templates whose
 * last part does not name the file; rendering never yields a path outside the archive.
 */
public final class LayoutTemplate {
  public static final String DEFAULT = "{yyyy}/{MM}/{name}";
  public static final Set<String> VARIABLES =
      Set.of("yyyy", "MM", "dd", "HH", "mm", "ss", "name", "stem", "ext", "source", "type", "hash8");
  private static final Pattern VARIABLE = Pattern.compile("\\{([^{}]*)}");

  private final String text;
  private final List<String> segments;

  private LayoutTemplate(String text, List<String> segments) {
    this.text = text;
    this.segments = segments;
  }

  /**
   * @throws IllegalArgumentException whose message names the offending variable or part and the fix
   */
  public static LayoutTemplate parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("layout is empty: use for example " + DEFAULT);
    }
    Matcher m = VARIABLE.matcher(text);
    while (m.find()) {
      if (!VARIABLES.contains(m.group(1))) {
        throw new IllegalArgumentException("unknown layout variable {" + m.group(1) + "} in '" + text
            + "': use one of " + String.join(" ", VARIABLES.stream().sorted().map(v -> "{" + v + "}").toList()));
      }
    }
    String stripped = VARIABLE.matcher(text).replaceAll("");
    if (stripped.contains("{") || stripped.contains("}")) {
      throw new IllegalArgumentException("unbalanced brace in layout '" + text + "': variables look like {yyyy}");
    }
    if (text.startsWith("/") || text.contains("\\")) {
      throw new IllegalArgumentException("layout '" + text + "' must be a relative path with / separators, such as " + DEFAULT);
    }
    List<String> segments = List.of(text.split("/", -1));
    for (String segment : segments) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw new IllegalArgumentException("layout '" + text + "' has an empty, '.' or '..' part: use for example " + DEFAULT);
      }
    }
    String last = segments.get(segments.size() - 1);
    if (!last.contains("{name}") && !last.contains("{stem}") && !last.contains("{hash8}")) {
      throw new IllegalArgumentException("layout '" + text + "' must end in a file name with {name} (or {stem} and {ext})");
    }
    return new LayoutTemplate(text, segments);
  }

  /** Whether the directory part needs the content hash before the file can be placed. */
  public boolean directoryNeedsHash() {
    return segments.subList(0, segments.size() - 1).stream().anyMatch(s -> s.contains("{hash8}"));
  }

  /** Whether the file name needs the content hash. */
  public boolean fileNameNeedsHash() {
    return segments.get(segments.size() - 1).contains("{hash8}");
  }

  /**
   * What a layout's variables stand for, for one file: its capture time (local to the archive's
   * zone), its name, its source, its type, and the first 8 hex digits of its content hash once known
   * ({@code null} before). Immutable: {@link #withHash8} gives the values with the hash.
   */
  public record Values(LocalDateTime local, String name, String source, String type, String hash8) {
    public Values withHash8(String hash8) {
      return new Values(local, name, source, type, hash8);
    }

    /** The value of {@code variable} ({@link #VARIABLES}); "" for the hash before it is known. */
    String get(String variable) {
      return switch (variable) {
        case "yyyy" -> zeroPadded(local.getYear(), 4);
        case "MM" -> zeroPadded(local.getMonthValue(), 2);
        case "dd" -> zeroPadded(local.getDayOfMonth(), 2);
        case "HH" -> zeroPadded(local.getHour(), 2);
        case "mm" -> zeroPadded(local.getMinute(), 2);
        case "ss" -> zeroPadded(local.getSecond(), 2);
        case "name" -> name;
        case "stem" -> SourcePath.stemOf(name);
        case "ext" -> name.length() == SourcePath.stemOf(name).length() ? "" : name.substring(SourcePath.stemOf(name).length() + 1);
        case "source" -> source;
        case "type" -> type;
        case "hash8" -> hash8 == null ? "" : hash8;
        default -> "";
      };
    }
  }

  /** {@code String.format("%0<width>d")} without a Formatter per call (six per archived file). */
  static String zeroPadded(int value, int width) {
    String digits = Integer.toString(Math.abs(value));
    String sign = value < 0 ? "-" : "";
    int zeros = width - sign.length() - digits.length();
    return zeros > 0 ? sign + "0".repeat(zeros) + digits : sign + digits;
  }

  /** The directory part, relative to the archive root ({@code ""} when the layout is just a name). */
  public String directory(Values values) {
    List<String> parts = new ArrayList<>();
    for (String segment : segments.subList(0, segments.size() - 1)) {
      parts.add(renderSegment(segment, values));
    }
    return String.join("/", parts);
  }

  /** The file name part. */
  public String fileName(Values values) {
    return renderSegment(segments.get(segments.size() - 1), values);
  }

  private static String renderSegment(String segment, Values values) {
    if (values.get("ext").isEmpty()) {
      segment = segment.replace(".{ext}", ""); // a file without extension gets no trailing dot
    }
    Matcher m = VARIABLE.matcher(segment);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = values.get(m.group(1));
      m.appendReplacement(out, Matcher.quoteReplacement(safe(value)));
    }
    m.appendTail(out);
    String rendered = out.toString();
    if (rendered.isEmpty() || rendered.equals(".") || rendered.equals("..")) {
      return "_"; // a value may never make a part vanish or climb out of the archive
    }
    return FileNames.fit(rendered, FileNames.MAX_BYTES); // a long {name} or {source} still makes a valid name
  }

  /** A value can never add a path separator or a NUL. */
  private static String safe(String value) {
    return value.replace('/', '_').replace('\0', '_');
  }

  @Override
  public String toString() {
    return text;
  }
}
