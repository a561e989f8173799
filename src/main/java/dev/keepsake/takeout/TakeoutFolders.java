package dev.keepsake.takeout;

import java.util.regex.Pattern;

/**
 * Takeout's two kinds of folder: the year folders ({@code Photos from 2019}, localised: {@code Fotos
 * von 2019}, {@code Photos de 2019}) that hold every photo with its sidecar, and album folders that
 * repeat some of them, not always with a sidecar. An import takes the year folders first, so a photo
 * is archived — and dated — from the copy its sidecar belongs to.
 */
public final class TakeoutFolders {
  private static final Pattern YEAR_FOLDER = Pattern.compile("(?U).*\\b(?:18|19|20)\\d{2}");

  private TakeoutFolders() {}

  /** True for a folder (a path; its last part counts) named like a year folder. */
  public static boolean isYearFolder(String folder) {
    String last = folder.substring(folder.lastIndexOf('/') + 1);
    return YEAR_FOLDER.matcher(last).matches();
  }
}
