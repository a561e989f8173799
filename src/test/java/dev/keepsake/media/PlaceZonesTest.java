package dev.keepsake.media;

import static dev.keepsake.testing.JpegFixture.jpeg;
import static dev.keepsake.testing.MovieBoxes.concat;
import static dev.keepsake.testing.MovieBoxes.ftyp;
import static dev.keepsake.testing.MovieBoxes.loci;
import static dev.keepsake.testing.MovieBoxes.moov;
import static dev.keepsake.testing.MovieBoxes.qtString;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The zone of the place: a UTC time becomes the local time where the file was captured. */
@Timeout(120)
class PlaceZonesTest {
  private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  /** 03:30 UTC on 1 July: in Berlin still 1 July (05:30), in New York 30 June (23:30) — another month's folder. */
  private static final Instant SHOT = Instant.parse("2023-07-01T03:30:00Z");
  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  private final MediaInspector inspector = new MediaInspector(BERLIN, clock);
  private final CaptureDateReader reader = new CaptureDateReader(BERLIN, clock, PlaceZones.offline());
  @TempDir Path dir;

  private CaptureDate dateOf(String name, byte[] content) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, content);
    return reader.date(inspector.inspect(file), name, FileTime.from(NOW.minusSeconds(3600)));
  }

  @Test
  void theShippedBoundariesKnowTheZoneOfPlacesAroundTheWorld() {
    Map<GeoPosition, String> places = Map.of(
        new GeoPosition(40.7128, -74.0060), "America/New_York",
        new GeoPosition(52.5200, 13.4050), "Europe/Berlin",
        new GeoPosition(35.6762, 139.6503), "Asia/Tokyo",
        new GeoPosition(-33.8688, 151.2093), "Australia/Sydney",
        new GeoPosition(27.7172, 85.3240), "Asia/Kathmandu",
        new GeoPosition(64.1466, -21.9426), "Atlantic/Reykjavik",
        new GeoPosition(41.8781, -87.6298), "America/Chicago",
        new GeoPosition(39.7684, -86.1581), "America/Indiana/Indianapolis");
    places.forEach((place, zone) ->
        assertThat(PlaceZones.offline().zoneAt(place)).as("%s", place).contains(ZoneId.of(zone)));
    // more cells than are kept: the first again, after eviction, still right
    assertThat(PlaceZones.offline().zoneAt(new GeoPosition(40.7128, -74.0060))).contains(ZoneId.of("America/New_York"));
    assertThat(PlaceZones.offline().zoneAt(new GeoPosition(0.5, -30.5))).hasValueSatisfying(
        z -> assertThat(z.getId()).startsWith("Etc/GMT")); // the open Atlantic has a nautical zone
  }

  @Test
  void aUtcMovieTimeBecomesTheLocalTimeAtItsGpsPosition() throws IOException {
    CaptureDate ny = dateOf("ny.mov", concat(ftyp("qt  "), moov(SHOT, qtString("\u00a9xyz", "+40.7128-074.0060/"))));
    assertThat(ny.origin()).isEqualTo(DateOrigin.QUICKTIME_UTC);
    assertThat(ny.local()).isEqualTo(LocalDateTime.parse("2023-06-30T23:30:00"));
    assertThat(ny.instant()).isEqualTo(SHOT);
    assertThat(ny.zone().zone()).isEqualTo(ZoneId.of("America/New_York"));
    assertThat(ny.zone().reason()).isEqualTo(LocalZone.Reason.GPS);
    assertThat(ny.zone().explain()).contains("America/New_York", "GPS position", "40.7128, -74.0060");

    CaptureDate sydney = dateOf("sydney.3gp", concat(ftyp("3gp4"), moov(SHOT, loci(-33.8688, 151.2093))));
    assertThat(sydney.local()).isEqualTo(LocalDateTime.parse("2023-07-01T13:30:00"));
  }

  @Test
  void realFfmpegMoviesWithALocationLandOnTheDayOfThePlace() throws Exception {
    // ffmpeg writes the location as 3GPP loci in .mp4 and as \u00a9xyz in .mov
    for (String name : new String[] {"ny.mp4", "ny.mov"}) {
      Path movie = dev.keepsake.testing.Ffmpeg.movie(dir.resolve(name), "creation_time=2023-07-01T03:30:00Z",
          "location=+40.7128-074.0060/");
      CaptureDate date = reader.date(inspector.inspect(movie), name, FileTime.from(NOW));
      assertThat(date.origin()).as(name).isEqualTo(DateOrigin.QUICKTIME_UTC);
      assertThat(date.local()).as(name).isEqualTo(LocalDateTime.parse("2023-06-30T23:30:00"));
      assertThat(date.zone().reason()).as(name).isEqualTo(LocalZone.Reason.GPS);
    }
  }

  @Test
  void withoutAPlaceAUtcTimeUsesTheArchiveZone() throws IOException {
    CaptureDate home = dateOf("home.mov", concat(ftyp("qt  "), moov(SHOT)));
    assertThat(home.local()).isEqualTo(LocalDateTime.parse("2023-07-01T05:30:00"));
    assertThat(home.zone().reason()).isEqualTo(LocalZone.Reason.ARCHIVE_ZONE);
    assertThat(home.zone().zone()).isEqualTo(BERLIN);
  }

  @Test
  void theFilesOwnOffsetComesBeforeItsPlace() throws IOException {
    // a Pixel name is UTC; the photo wrote only an offset (and a position elsewhere): the offset wins
    byte[] photo = jpeg().offsetOriginal("-04:00").gps(35.6762, 139.6503).bytes();
    CaptureDate date = dateOf("PXL_20230701_033000123.jpg", photo);
    assertThat(date.origin()).isEqualTo(DateOrigin.FILENAME);
    assertThat(date.local()).isEqualTo(LocalDateTime.parse("2023-06-30T23:30:00"));
    assertThat(date.zone().reason()).isEqualTo(LocalZone.Reason.FILE_OFFSET);
    // and a Pixel name with only a position: the zone at the position
    CaptureDate tokyo = dateOf("PXL_20230701_033000456.jpg", jpeg().gps(35.6762, 139.6503).salt("t").bytes());
    assertThat(tokyo.local()).isEqualTo(LocalDateTime.parse("2023-07-01T12:30:00"));
    assertThat(tokyo.zone().reason()).isEqualTo(LocalZone.Reason.GPS);
  }

  @Test
  void theFileTimeIsTheNasTimeAndStaysInTheArchiveZone() throws IOException {
    CaptureDate date = dateOf("scan.jpg", jpeg().gps(40.7128, -74.006).salt("scan").bytes());
    assertThat(date.origin()).isEqualTo(DateOrigin.MTIME);
    assertThat(date.zone().reason()).isEqualTo(LocalZone.Reason.ARCHIVE_ZONE);
    assertThat(date.local()).isEqualTo(LocalDateTime.ofInstant(NOW.minusSeconds(3600), BERLIN));
  }

  @Test
  void aPhotosWallClockTimeIsAlreadyLocalAndIsNotShifted() throws IOException {
    CaptureDate date = dateOf("IMG_0001.jpg", jpeg().original("2023:06:30 23:30:00").gps(40.7128, -74.006).bytes());
    assertThat(date.origin()).isEqualTo(DateOrigin.EXIF_ORIGINAL);
    assertThat(date.local()).isEqualTo(LocalDateTime.parse("2023-06-30T23:30:00"));
    assertThat(date.zone().reason()).isEqualTo(LocalZone.Reason.AS_WRITTEN);
  }

  @Test
  void unreadableBoundaryDataFallsBackToTheArchiveZone() throws IOException {
    PlaceZones broken = place -> {
      throw new AssertionError("never asked: the reader must not need it for a written time");
    };
    CaptureDateReader withBroken = new CaptureDateReader(BERLIN, clock, broken);
    Path file = dir.resolve("x.jpg");
    Files.write(file, jpeg().original("2023:06:30 23:30:00").gps(40.7128, -74.006).bytes());
    assertThat(withBroken.date(inspector.inspect(file), "x.jpg", FileTime.from(NOW)).origin()).isEqualTo(DateOrigin.EXIF_ORIGINAL);
    CaptureDateReader without = new CaptureDateReader(BERLIN, clock, PlaceZones.NONE);
    Path movie = dir.resolve("ny.mov");
    Files.write(movie, concat(ftyp("qt  "), moov(SHOT, qtString("\u00a9xyz", "+40.7128-074.0060/"))));
    CaptureDate date = without.date(inspector.inspect(movie), "ny.mov", FileTime.from(NOW));
    assertThat(date.zone().reason()).isEqualTo(LocalZone.Reason.ARCHIVE_ZONE);
    assertThat(date.local()).isEqualTo(LocalDateTime.parse("2023-07-01T05:30:00"));
    assertThat(date.zone().explain()).contains("archive.zone", "no time zone was found", "40.7128, -74.0060");
  }
}
