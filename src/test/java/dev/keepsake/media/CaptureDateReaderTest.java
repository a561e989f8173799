package dev.keepsake.media;

import static dev.keepsake.testing.JpegFixture.jpeg;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keepsake.testing.Mp4Fixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class CaptureDateReaderTest {
  private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  private final MediaInspector inspector = new MediaInspector(BERLIN, clock);
  private final CaptureDateReader reader = new CaptureDateReader(BERLIN, clock);
  @TempDir Path dir;

  private CaptureDate dateOf(String name, byte[] content, Instant mtime) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, content);
    Files.setLastModifiedTime(file, FileTime.from(mtime));
    return reader.date(inspector.inspect(file), name, FileTime.from(mtime));
  }

  @Test
  void exifOriginalWinsOverAFirmwareDefaultDigitizedDate() throws IOException {
    CaptureDate date = dateOf("a.jpg", jpeg().original("2014:09:12 17:20:30").digitized("2002:12:08 12:00:00").bytes(), NOW);
    assertThat(date.local()).isEqualTo(LocalDateTime.parse("2014-09-12T17:20:30"));
    assertThat(date.origin()).isEqualTo(DateOrigin.EXIF_ORIGINAL);
  }

  @Test
  void exifOffsetIsRecordedButTheWallClockTimeIsKept() throws IOException {
    CaptureDate date = dateOf("a.jpg", jpeg().original("2023:12:31 23:30:00").offsetOriginal("-08:00").bytes(), NOW);
    assertThat(date.local()).isEqualTo(LocalDateTime.parse("2023-12-31T23:30:00"));
    assertThat(date.offset()).isEqualTo(ZoneOffset.ofHours(-8));
    assertThat(date.instant()).isEqualTo(Instant.parse("2024-01-01T07:30:00Z"));
  }

  @Test
  void digitizedIsUsedWhenOriginalIsAbsent() throws IOException {
    CaptureDate date = dateOf("a.jpg", jpeg().digitized("2017:10:06 23:14:39").bytes(), NOW);
    assertThat(date.origin()).isEqualTo(DateOrigin.EXIF_DIGITIZED);
    assertThat(date.local()).isEqualTo(LocalDateTime.parse("2017-10-06T23:14:39"));
  }

  @Test
  void zeroAndAbsurdExifDatesAreAbsentAndTheNameDecides() throws IOException {
    CaptureDate zero = dateOf("IMG_20190102_030405.jpg", jpeg().original("0000:00:00 00:00:00").digitized("    :  :     :  :  ").bytes(), NOW);
    assertThat(zero.origin()).isEqualTo(DateOrigin.FILENAME);
    assertThat(zero.local()).isEqualTo(LocalDateTime.parse("2019-01-02T03:04:05"));
    CaptureDate future = dateOf("b.jpg", jpeg().original("2999:01:01 00:00:00").digitized("1850:01:01 00:00:00").bytes(), Instant.parse("2020-05-05T10:00:00Z"));
    assertThat(future.origin()).isEqualTo(DateOrigin.MTIME);
    assertThat(future.local()).isEqualTo(LocalDateTime.parse("2020-05-05T12:00:00")); // UTC mtime shown in Berlin
  }

  @Test
  void quickTimeHeaderTimeIsUtcShownInTheConfiguredZone() throws IOException {
    CaptureDate date = dateOf("clip.mp4", Mp4Fixture.mp4(Instant.parse("2021-06-15T23:30:00Z"), "x"), NOW);
    assertThat(date.origin()).isEqualTo(DateOrigin.QUICKTIME_UTC);
    assertThat(date.local()).isEqualTo(LocalDateTime.parse("2021-06-16T01:30:00"));
  }

  @Test
  void aZeroQuickTimeDateIsAbsentNot1904() throws IOException {
    CaptureDate date = dateOf("VID_20180704_101010.mp4", Mp4Fixture.mp4(null, "x"), NOW);
    assertThat(date.origin()).isEqualTo(DateOrigin.FILENAME);
    assertThat(date.local().getYear()).isEqualTo(2018);
  }

  @Test
  void xmpDateIsUsedWhenExifHasNone() throws IOException {
    CaptureDate date = dateOf("edited.jpg", jpeg().xmpDateTimeOriginal("2016-07-08T09:10:11+02:00").bytes(), NOW);
    assertThat(date.origin()).isEqualTo(DateOrigin.XMP);
    assertThat(date.local()).isEqualTo(LocalDateTime.parse("2016-07-08T09:10:11"));
    assertThat(date.offset()).isEqualTo(ZoneOffset.ofHours(2));
  }

  @Test
  void fileWithoutAnyDateIsDatedByItsMtime() throws IOException {
    CaptureDate date = dateOf("scan.jpg", jpeg().bytes(), Instant.parse("2015-03-01T10:00:00Z"));
    assertThat(date.origin()).isEqualTo(DateOrigin.MTIME);
    assertThat(date.local()).isEqualTo(LocalDateTime.parse("2015-03-01T11:00:00"));
  }

  @Test
  void neverLandsIn1970ByAccident() throws IOException {
    CaptureDate date = dateOf("scan.jpg", jpeg().bytes(), Instant.EPOCH);
    assertThat(date.origin()).isEqualTo(DateOrigin.INGEST_TIME);
    assertThat(date.instant()).isEqualTo(NOW);
  }
}
