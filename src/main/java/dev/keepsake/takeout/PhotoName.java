package dev.keepsake.takeout;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names a photo in a Takeout may have had when Google wrote its sidecar: its own; without the
 * {@code (n)} Google added to a repeated name ({@code IMG(1).jpg} is the second {@code IMG.jpg});
 * and, for an edited copy ({@code IMG_1234-edited.jpg}, localised), its original's — an edited copy
 * has no sidecar of its own and takes its original's date.
 *
 * @param name the name to look for
 * @param number the {@code (n)} that goes with it, 0 for none
 */
record PhotoName(String name, int number) {
  private static final Pattern NUMBERED = Pattern.compile("^(.*)\\((\\d{1,4})\\)(\\.[^.]*)?$");
  /** What Google Photos appends to an edited copy's stem, in the languages its exports are seen in. */
  static final List<String> EDITED = List.of("-edited", "-effects", "-smile", "-mix", "-bearbeitet", "-modifié",
      "-modifie", "-editado", "-modificato", "-bewerkt", "-redigeret", "-redigerad", "-muokattu", "-edytowane",
      "-upraveno", "-編集済み", "-已修改", "-수정됨", "-измененный");

  /** Every reading of {@code fileName}, the most literal first. */
  static List<PhotoName> readingsOf(String fileName) {
    List<PhotoName> readings = new ArrayList<>();
    addWithNumber(readings, fileName);
    String original = withoutEdited(fileName);
    if (original != null) {
      addWithNumber(readings, original);
    }
    return readings;
  }

  private static void addWithNumber(List<PhotoName> readings, String name) {
    readings.add(new PhotoName(name, 0));
    Matcher numbered = NUMBERED.matcher(name);
    if (numbered.matches()) {
      String base = numbered.group(1) + (numbered.group(3) == null ? "" : numbered.group(3));
      readings.add(new PhotoName(base, Integer.parseInt(numbered.group(2))));
    }
  }

  /** The original's name of an edited copy ({@code IMG-edited.jpg} → {@code IMG.jpg}), or null. */
  private static String withoutEdited(String name) {
    int dot = name.lastIndexOf('.');
    String stem = dot > 0 ? name.substring(0, dot) : name;
    String ext = dot > 0 ? name.substring(dot) : "";
    String lower = stem.toLowerCase(Locale.ROOT);
    for (String edited : EDITED) {
      if (lower.endsWith(edited) && stem.length() > edited.length()) {
        return stem.substring(0, stem.length() - edited.length()) + ext;
      }
    }
    return null;
  }
}
