package dev.keepsake.takeout;

import java.util.regex.Pattern;

/**
 * Takeout's two kinds of folder: the year folders ({@code Photos from 2019}, localised: {@code Fotos
 * von 2019}, {@code Photos de 2019}) that hold every photo with its sidecar, and album folders that
 * repeat some of them, not always with a sidecar. An import takes the year folders first, so a photo
 * is archived — and dated — from the copy its sidecar belongs to.
 */
public final class TakeoutFolders {
  /**
   * "Photos from 2019" in the languages Takeout writes it; an album named "Summer 2019" is not one
   * (it would go first, and a photo without a sidecar in it would be dated weakly).
   */
  private static final Pattern YEAR_FOLDER = Pattern.compile("(?iU)(?:photos from|fotos von|fotos aus|photos de|fotos de"
      + "|foto dal|foto del|foto's uit|foto's van|fotos från|fotos fra|bilder fra|zdjęcia z|fotky z|fotografie z"
      + "|kuvat vuodelta|фото за|фотографии за) (?:18|19|20)\\d{2}");

  private TakeoutFolders() {}

  /** True for a folder (a path; its last part counts) named like a year folder. */
  public static boolean isYearFolder(String folder) {
    String last = folder.substring(folder.lastIndexOf('/') + 1);
    return YEAR_FOLDER.matcher(last).matches();
  }
}
