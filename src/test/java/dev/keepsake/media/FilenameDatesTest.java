package dev.keepsake.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keepsake.testing.SharedFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(60)
class FilenameDatesTest {
  private static final ZoneId UTC = ZoneOffset.UTC;

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "IMG_20230916_123456.jpg          | 2023-09-16T12:34:56",
      // macOS screenshots (since 10.14 "Screenshot <date> at <h.mm.ss>", before "Screen Shot … PM")
      "Screenshot 2023-09-16 at 12.34.56.png | 2023-09-16T12:34:56",
      "Screen Shot 2018-01-02 at 3.04.05 PM.png | 2018-01-02T15:04:05",
      "Screen Shot 2018-01-02 at 12.04.05 AM.png | 2018-01-02T00:04:05",
      // WhatsApp desktop export, GNOME Screenshot, Windows Snipping Tool, KDE Spectacle
      "WhatsApp Image 2023-09-16 at 12.34.56.jpeg | 2023-09-16T12:34:56",
      "WhatsApp Video 2023-09-16 at 12.34.56 (1).mp4 | 2023-09-16T12:34:56",
      "Screenshot from 2023-09-16 12-34-56.png | 2023-09-16T12:34:56",
      "Screenshot 2023-09-16 123456.png | 2023-09-16T12:34:56",
      "Screenshot_20230916_123456.png   | 2023-09-16T12:34:56",
      // cloud auto-upload: Dropbox camera uploads, OneDrive camera roll (milliseconds, then the platform)
      "2023-09-16 12.34.56.jpg          | 2023-09-16T12:34:56",
      "20230916_123456789_iOS.heic      | 2023-09-16T12:34:56",
      "20230916_123456000_Android.jpg   | 2023-09-16T12:34:56",
      // a sync conflict's own date never hides (or replaces) the name's
      "IMG_20230916_123456.sync-conflict-20231001-101010-ABCDEFG.jpg | 2023-09-16T12:34:56",
      "Screenshot 2023-09-16 at 12.34.56.sync-conflict-20231001-101010-ABCDEFG.png | 2023-09-16T12:34:56",
      "PXL_20230916_123456789 (Bob's conflicted copy 2023-10-01).jpg | 2023-09-16T12:34:56",
      "VID_20230916_123456.mp4          | 2023-09-16T12:34:56",
      "20230916_123456.jpg              | 2023-09-16T12:34:56",
      "20230916_123456(0).jpg           | 2023-09-16T12:34:56",
      "Screenshot_20230916-123456.png   | 2023-09-16T12:34:56",
      "Screenshot_20230916-123456_Chrome.jpg | 2023-09-16T12:34:56",
      "Screenshot_2023-09-16-12-34-56.png | 2023-09-16T12:34:56",
      "Screenshot_2023-09-16-12-34-56-123_com.app.jpg | 2023-09-16T12:34:56",
      "IMG-20230916-WA0001.jpg          | 2023-09-16T12:00",
      "VID-20230916-WA0012.mp4          | 2023-09-16T12:00",
      "photo_2023-09-16_12-34-56.jpg    | 2023-09-16T12:34:56",
      "video_2023-09-16_12-34-56.mp4    | 2023-09-16T12:34:56",
      "signal-2023-09-16-123456.jpg     | 2023-09-16T12:34:56",
      "signal-2023-09-16-123456_001.jpg | 2023-09-16T12:34:56",
      "FB_IMG_1694867696000.jpg         | 2023-09-16T12:34:56",
      "PXL_20230916_123456789.jpg       | 2023-09-16T12:34:56",
      "PXL_20230916_123456789.MP.jpg    | 2023-09-16T12:34:56",
      // Nextcloud iOS auto-upload (nextcloud/ios CCUtility.createFileName: "yy-MM-dd HH-mm-ss" and a number)
      "Photo 23-09-16 12-34-56 0001.jpg | 2023-09-16T12:34:56",
      "23-09-16 12-34-56 0002.jpg       | 2023-09-16T12:34:56",
      // macOS Ventura and later: a narrow no-break space (U+202F) before AM/PM; localised macOS
      "Screenshot 2023-09-16 at 1.34.56\u202fPM.png | 2023-09-16T13:34:56",
      "Screenshot 2023-09-16 at 12.34.56\u202fAM.png | 2023-09-16T00:34:56",
      "Bildschirmfoto 2023-09-16 um 12.34.56.png | 2023-09-16T12:34:56",
      "Capture d’écran 2023-09-16 à 12.34.56.png | 2023-09-16T12:34:56",
      "Captura de pantalla 2023-09-16 a las 12.34.56.png | 2023-09-16T12:34:56",
      "Schermafbeelding 2023-09-16 om 12.34.56.png | 2023-09-16T12:34:56",
      "Skærmbillede 2023-09-16 kl. 12.34.56.png | 2023-09-16T12:34:56",
      // Windows Camera, Threema, Greenshot, Flameshot
      "WIN_20230916_12_34_56_Pro.jpg    | 2023-09-16T12:34:56",
      "threema-20230916-123456789.jpg   | 2023-09-16T12:34:56",
      "IMG_20230916_123456789.jpg       | 2023-09-16T12:34:56",
      "2023-09-16 12_34_56-Firefox.png  | 2023-09-16T12:34:56",
      "2023-09-16_12-34.png             | 2023-09-16T12:34",
      // iOS screen recording: epoch seconds, UTC
      "RPReplay_Final1694867696.MP4     | 2023-09-16T12:34:56",
  })
  void readsPhoneAndMessengerNames(String name, String expected) {
    assertThat(FilenameDates.read(name.trim(), UTC)).map(CaptureDate::local)
        .contains(LocalDateTime.parse(expected.trim()));
  }

  @Test
  void pixelNamesAreUtcAndShownInTheConfiguredZone() {
    CaptureDate date = FilenameDates.read("PXL_20231231_233000123.jpg", ZoneId.of("Europe/Berlin")).orElseThrow();
    assertThat(date.local()).isEqualTo(LocalDateTime.parse("2024-01-01T00:30:00"));
    assertThat(date.origin()).isEqualTo(DateOrigin.FILENAME);
  }

  @Test
  void localNamesAreWallClockTimeInAnyZone() {
    CaptureDate date = FilenameDates.read("IMG_20231231_233000.jpg", ZoneId.of("Asia/Tokyo")).orElseThrow();
    assertThat(date.local()).isEqualTo(LocalDateTime.parse("2023-12-31T23:30:00"));
  }

  @ParameterizedTest
  @CsvSource({
      "IMG_20231301_123456.jpg", "IMG_20230230_120000.jpg", "IMG_20230916_256000.jpg",
      "IMG_0001.JPG", "DSC01234.JPG", "IMG_2023_01.jpg", "1234567890123456.jpg", "IMG-2023091-WA0001.jpg",
      "IMG_0001.sync-conflict-20231001-101010-ABCDEFG.JPG", "Screen Shot 2018-01-02 at 13.04.05 PM.png",
      // a clock never set spells no date
      "IMG_19000101_000000.jpg", "IMG_19700101_000000.jpg",
      // found by review: other tools' names the new rules must not read (a made-up time is worse than none)
      "clip 00-01-05 00-01-20.mp4", "Scan_2023-09-16_01-05.jpg", "스크린샷 2023-09-16 오후 1.02.03.png",
      "Captura de pantalla 2023-09-16 a las 1.02.03 p. m.png", "Notes 2023-09-16 bis 17.09.23.png"})
  void findsNothingInNamesWithoutARealDate(String name) {
    assertThat(FilenameDates.read(name, UTC)).isEmpty();
  }

  /** phockup's own expectations for its default regex (../shared/corpus/phockup_filename_cases.tsv). */
  @Test
  void agreesWithPhockupsDefaultRegexCases() throws IOException {
    Path cases = SharedFolder.corpus().resolve("phockup_filename_cases.tsv");
    List<String[]> rows = Files.readAllLines(cases).stream()
        .filter(l -> !l.startsWith("#") && !l.startsWith("filename\t"))
        .map(l -> l.split("\t"))
        .filter(r -> r.length > 3 && r[3].equals("default"))
        .toList();
    assertThat(rows).hasSizeGreaterThanOrEqualTo(10);
    for (String[] row : rows) {
      Optional<LocalDateTime> got = FilenameDates.read(row[0], UTC).map(CaptureDate::local);
      if (row[1].equals("NONE")) {
        assertThat(got).as(row[0]).isEmpty();
      } else {
        assertThat(got).as(row[0]).contains(LocalDateTime.parse(row[1].replace(' ', 'T')));
      }
    }
  }
}
