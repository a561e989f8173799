package dev.keepsake.takeout;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Sidecar names as Google writes them (cases from the names users of immich-go, GPTH and ente report). */
@Timeout(30)
class FolderSidecarsTest {
  private static final Instant T1 = Instant.parse("2014-06-01T10:00:00Z");
  private static final Instant T2 = Instant.parse("2015-07-02T11:00:00Z");

  private static TakeoutJson.Sidecar taken(String title, Instant at) {
    return new TakeoutJson.Sidecar(title, at);
  }

  @ParameterizedTest(name = "{0} <- {1}")
  @CsvSource(delimiter = '|', value = {
      "IMG_1234.jpg | IMG_1234.jpg.json",
      "IMG_1234.jpg | IMG_1234.jpg.supplemental-metadata.json",
      "Screenshot_2017-07-05-10-05-26.png | Screenshot_2017-07-05-10-05-26.png.supplementa.json",
      "D7157814-D2D5-4A62-AFCE-9CF465CB7D66.jpeg | D7157814-D2D5-4A62-AFCE-9CF465CB7D66.jpeg.supp.json",
      "Screenshot_20241227_105539_Edge.jpg | Screenshot_20241227_105539_Edge.jpg.supplement.json",
      "Screenshot_20220207_102421_com.snapchat.android.jpg | Screenshot_20220207_102421_com.snapchat.androi.json",
      "Urlaub in Knaufspesch in der Schneifel (38).JPG | Urlaub in Knaufspesch in der Schneifel (38).JP.json",
      "IMG(1).jpg | IMG.jpg(1).json",
      "IMG(1).jpg | IMG.jpg.supplemental-metadata(1).json",
      "IMG_1234-edited.jpg | IMG_1234.jpg.json",
      "IMG_1234-bearbeitet.jpg | IMG_1234.jpg.supplemental-metadata.json",
      "IMG_1234(2)-edited.jpg | IMG_1234.jpg(2).json",
      "PXL_20230916_123456789.MP.jpg | PXL_20230916_123456789.MP.jpg.s.json",
  })
  void aPhotoFindsItsSidecar(String photo, String sidecar) {
    FolderSidecars folder = new FolderSidecars();
    folder.add(sidecar.trim(), taken(null, T1));
    folder.add("metadata.json", taken("Album", T2)); // the album's own: names no photo
    assertThat(folder.takenAt(photo.trim())).contains(T1);
  }

  @Test
  void aRepeatedNameFindsItsOwnNumberNotTheFirst() {
    FolderSidecars folder = new FolderSidecars();
    folder.add("IMG.jpg.json", taken("IMG.jpg", T1));
    folder.add("IMG.jpg(1).json", taken("IMG.jpg", T2));
    assertThat(folder.takenAt("IMG.jpg")).contains(T1);
    assertThat(folder.takenAt("IMG(1).jpg")).contains(T2);
    assertThat(folder.takenAt("IMG(2).jpg")).isEmpty();
  }

  /** Found by a new-user trial: a numbered long name took its unnumbered sibling's cut sidecar. */
  @Test
  void aNumberedLongNameTakesItsOwnCutSidecar() {
    String name = "Screenshot_20220207_102421_com.snapchat.android";
    FolderSidecars folder = new FolderSidecars();
    folder.add(name.substring(0, 46) + ".json", taken(name + ".jpg", T1));
    folder.add(name.substring(0, 46) + "(1).json", taken(name + ".jpg", T2));
    assertThat(folder.takenAt(name + ".jpg")).contains(T1);
    assertThat(folder.takenAt(name + "(1).jpg")).contains(T2);
  }

  @Test
  void aNameCutRightAfterTheDotIsFound() {
    String photo = "A".repeat(41) + ".jpg"; // 45 characters: Google's cut leaves "….jpg." before .json
    FolderSidecars folder = new FolderSidecars();
    folder.add(photo + "..json", taken(photo, T1));
    assertThat(folder.takenAt(photo)).contains(T1);
  }

  @Test
  void theOtherHalfOfALivePhotoTakesItsPhotosSidecar() {
    FolderSidecars folder = new FolderSidecars();
    folder.add("IMG_7.HEIC.json", taken("IMG_7.HEIC", T1));
    folder.add("IMG_70.HEIC.json", taken("IMG_70.HEIC", T2));
    assertThat(folder.takenAt("IMG_7.MP4")).contains(T1);
    assertThat(folder.takenAt("IMG_7.MOV")).contains(T1);
    assertThat(folder.takenAt("IMG_8.MP4")).isEmpty();
    FolderSidecars two = new FolderSidecars(); // two stems' worth of times: no guess
    two.add("IMG_9.HEIC.json", taken("IMG_9.HEIC", T1));
    two.add("IMG_9.JPG.json", taken("IMG_9.JPG", T2));
    assertThat(two.takenAt("IMG_9.MP4")).isEmpty();
  }

  @Test
  void aShortNameIsNeverTakenForACutOne() {
    FolderSidecars folder = new FolderSidecars();
    folder.add("IMG_1.jpg.json", taken(null, T1));
    assertThat(folder.takenAt("IMG_1.jpg")).contains(T1);
    assertThat(folder.takenAt("IMG_1.jpg.jpg")).isEmpty();
    assertThat(folder.takenAt("IMG_12.jpg")).isEmpty();
  }

  @Test
  void sidecarsThatDisagreeDateNothingAndTheTitleChoosesAmongCutNames() {
    String longA = "A very long file name from a scanner of old prints number 0001.jpg";
    String longB = "A very long file name from a scanner of old prints number 0002.jpg";
    FolderSidecars folder = new FolderSidecars();
    // two parts of one export, each cut to the same 46 characters
    folder.add(longA.substring(0, 46) + ".json", taken(longA, T1));
    folder.add(longB.substring(0, 46) + ".json", taken(longB, T2));
    assertThat(folder.takenAt(longA)).contains(T1);
    assertThat(folder.takenAt(longB)).contains(T2);
    FolderSidecars disagree = new FolderSidecars();
    disagree.add("IMG_9.jpg.json", taken(null, T1));
    disagree.add("IMG_9.jpg.supplemental-metadata.json", taken(null, T2));
    assertThat(disagree.takenAt("IMG_9.jpg")).isEmpty();
  }

  @Test
  void theJsonGivesPhotoTakenTimeNeverTheUploadTime() {
    String json = "{\"title\":\"IMG_1.jpg\",\"creationTime\":{\"timestamp\":\"1700000000\"},"
        + "\"photoTakenTime\":{\"timestamp\":\"1401616800\",\"formatted\":\"1 Jun 2014, 10:00:00 UTC\"}}";
    assertThat(TakeoutJson.read(in(json))).contains(taken("IMG_1.jpg", T1));
    assertThat(TakeoutJson.read(in("{\"title\":\"x.jpg\",\"creationTime\":{\"timestamp\":\"1700000000\"}}")))
        .contains(taken("x.jpg", null));
    assertThat(TakeoutJson.read(in("{\"photoTakenTime\":{\"timestamp\":\"0\"}}"))).isEmpty();
    assertThat(TakeoutJson.read(in("[1,2]"))).isEmpty();
    assertThat(TakeoutJson.read(in("{\"title\": \"cut"))).isEmpty();
    assertThat(TakeoutJson.read(in("{\"title\":\"" + "x".repeat(TakeoutJson.MAX_BYTES) + "\"}"))).isEmpty();
  }

  private static ByteArrayInputStream in(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }
}
