package dev.keepsake.takeout;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a Takeout sidecar's file name says of its photo: the photo's name as Google kept it (maybe
 * cut short) and the number Google gave a repeated name.
 *
 * <p>Google writes {@code IMG_1234.jpg.json} (until 2024) or {@code IMG_1234.jpg.supplemental-metadata.json},
 * cuts the part before {@code .json} to about 46 characters — a long photo name loses its end, a
 * short one keeps a prefix of {@code supplemental-metadata} ({@code .supple.json}, {@code .s.json}) —
 * and numbers the second photo of a name {@code IMG(1).jpg}, whose sidecar is
 * {@code IMG.jpg(1).json} or {@code IMG.jpg.supplemental-metadata(1).json}.
 *
 * @param photoName the photo's name, or its first characters when Google cut it ({@link #cut()})
 * @param number the {@code (n)} of a repeated name, 0 for none
 */
record SidecarName(String photoName, int number) {
  private static final String SUPPLEMENTAL = "supplemental-metadata";
  private static final Pattern NUMBERED = Pattern.compile("^(.*)\\((\\d{1,4})\\)$");
  /** Names cut by Google keep at least this many characters; a shorter key is never taken as a cut one. */
  static final int MIN_CUT_LENGTH = 40;

  /** The sidecar's reading of {@code fileName}, or empty when it is not a photo sidecar's name. */
  static Optional<SidecarName> parse(String fileName) {
    if (!fileName.toLowerCase(Locale.ROOT).endsWith(".json")) {
      return Optional.empty();
    }
    String s = fileName.substring(0, fileName.length() - 5);
    int number = 0;
    Matcher numbered = NUMBERED.matcher(s);
    if (numbered.matches()) {
      s = numbered.group(1);
      number = Integer.parseInt(numbered.group(2));
    }
    int dot = s.lastIndexOf('.');
    if (dot > 0) {
      String last = s.substring(dot + 1);
      // a prefix of supplemental-metadata, or nothing: Google cut right after the dot ("IMG.jpg..json")
      if (SUPPLEMENTAL.startsWith(last)) {
        s = s.substring(0, dot);
      }
    }
    return s.isEmpty() ? Optional.empty() : Optional.of(new SidecarName(s, number));
  }

  /** True when {@code name} (a photo's full name) is what this sidecar names, whole or cut short. */
  boolean names(String name, int n) {
    if (n != number) {
      return false;
    }
    return photoName.equals(name) || (cut() && name.startsWith(photoName));
  }

  /** Long enough that Google may have cut it. */
  boolean cut() {
    return photoName.length() >= MIN_CUT_LENGTH;
  }
}
