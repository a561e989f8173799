package dev.keepsake.media;

import static dev.keepsake.testing.MovieBoxes.box;
import static dev.keepsake.testing.MovieBoxes.concat;
import static dev.keepsake.testing.MovieBoxes.ftyp;
import static dev.keepsake.testing.MovieBoxes.ilst;
import static dev.keepsake.testing.MovieBoxes.itunesItem;
import static dev.keepsake.testing.MovieBoxes.loci;
import static dev.keepsake.testing.MovieBoxes.moov;
import static dev.keepsake.testing.MovieBoxes.mvhd;
import static dev.keepsake.testing.MovieBoxes.mvhdVersion1;
import static dev.keepsake.testing.MovieBoxes.trak;
import static dev.keepsake.testing.MovieBoxes.qtString;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import dev.keepsake.testing.TransportStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Movies the library does not date on its own: any first box, user-data days, camcorder streams. */
@Timeout(60)
class MovieDatesTest {
  private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
  private static final Instant SHOT = Instant.parse("2009-08-14T10:20:30Z");
  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  private final MediaInspector inspector = new MediaInspector(ZoneOffset.UTC, clock);
  private final CaptureDateReader reader = new CaptureDateReader(ZoneOffset.UTC, clock, PlaceZones.NONE);
  @TempDir Path dir;

  private Inspection inspect(String name, byte[] content) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, content);
    return inspector.inspect(file);
  }

  private CaptureDate dateOf(String name, byte[] content) throws IOException {
    return reader.date(inspect(name, content), name, FileTime.from(NOW.minusSeconds(3600)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"moov", "free", "skip", "wide", "mdat", "pnot"})
  void aQuickTimeMovieIsKnownAndDatedByItsContentWhateverItsFirstBoxAndName(String first) throws IOException {
    byte[] lead = first.equals("moov") ? new byte[0] : box(first, "old camera bytes".getBytes());
    byte[] movie = concat(lead, moov(SHOT));
    for (String name : new String[] {"clip.mov", "clip.bin", "clip"}) {
      Inspection inspection = inspect(first + name, movie);
      assertThat(inspection.type()).as("%s first, named %s", first, name).isEqualTo(MediaType.VIDEO);
      CaptureDate date = reader.date(inspection, name, FileTime.from(NOW));
      assertThat(date.origin()).isEqualTo(DateOrigin.QUICKTIME_UTC);
      assertThat(date.instant()).isEqualTo(SHOT);
    }
  }

  @Test
  void aBigMdatBeforeTheMovieHeaderIsSkippedNotRead() throws IOException {
    byte[] mdat = new byte[40 << 20]; // beyond the 16 MiB the metadata reader may read
    ByteBuffer.wrap(mdat).putInt(mdat.length).put("mdat".getBytes());
    CaptureDate date = dateOf("big.mov", concat(mdat, moov(SHOT)));
    assertThat(date.origin()).isEqualTo(DateOrigin.QUICKTIME_UTC);
  }

  /**
   * metadata-extractor stops at any box over 2 GiB: a 4K clip with its mdat before its moov. Sparse
   * files: a few kilobytes on disk.
   */
  @ParameterizedTest
  @ValueSource(strings = {"wide", "mdat", "mdat64", "ftyp"})
  void aMovieWithABoxOverTwoGibBeforeItsHeaderIsKnownAndDated(String lead) throws IOException {
    long payload = 3L << 30;
    byte[] header = switch (lead) {
      case "wide" -> concat(box("wide"), ByteBuffer.allocate(16).putInt(1).put("mdat".getBytes()).putLong(payload + 16).array());
      case "mdat64" -> ByteBuffer.allocate(16).putInt(1).put("mdat".getBytes()).putLong(payload + 16).array();
      case "mdat" -> ByteBuffer.allocate(8).putInt((int) (payload + 8)).put("mdat".getBytes()).array();
      default -> concat(ftyp("mp42"), ByteBuffer.allocate(8).putInt((int) (payload + 8)).put("mdat".getBytes()).array());
    };
    long headerEnd = header.length + payload; // where the mdat ends and the moov begins
    Path file = dir.resolve("big-" + lead + ".bin");
    try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      out.write(ByteBuffer.wrap(header), 0);
      out.write(ByteBuffer.wrap(moov(SHOT)), headerEnd);
    }
    Inspection inspection = inspector.inspect(file);
    assertThat(inspection.type()).isEqualTo(MediaType.VIDEO);
    CaptureDate date = reader.date(inspection, "clip", FileTime.from(NOW));
    assertThat(date.origin()).isEqualTo(DateOrigin.QUICKTIME_UTC);
    assertThat(date.instant()).isEqualTo(SHOT);
  }

  /** Version 1 headers hold 64-bit times; the library reads them as version 0 (the 1904 zero). */
  @Test
  void versionOneMovieAndTrackHeadersAreRead() throws IOException {
    for (byte[] lead : new byte[][] {ftyp("qt  "), new byte[0]}) {
      CaptureDate date = dateOf("v1.mov", concat(lead, box("moov", mvhdVersion1(SHOT))));
      assertThat(date.origin()).isEqualTo(DateOrigin.QUICKTIME_UTC);
      assertThat(date.instant()).isEqualTo(SHOT);
      Files.delete(dir.resolve("v1.mov"));
      CaptureDate track = dateOf("v1.mov", concat(lead, box("moov", mvhd(null), trak(SHOT, 1))));
      assertThat(track.origin()).isEqualTo(DateOrigin.QUICKTIME_TRACK);
      assertThat(track.instant()).isEqualTo(SHOT);
      Files.delete(dir.resolve("v1.mov"));
    }
  }

  @Test
  void boxesThatLookLikeAMovieButAreNotStayOther() throws IOException {
    assertThat(inspect("a.mov", "\0\0\0\u0010moovnot a movie at all".getBytes()).type()).isEqualTo(MediaType.OTHER);
    assertThat(inspect("b.mov", concat(new byte[] {0x7f, 0, 0, 0}, "moov".getBytes())).type()).isEqualTo(MediaType.OTHER);
  }

  @Test
  void aDayOnlyUserDataDateDatesAMovieWithNoOtherDate() throws IOException {
    byte[] movie = concat(ftyp("mp42"), moov(null, qtString("\u00a9day", "2018-07-04")));
    CaptureDate date = dateOf("clip.mp4", movie);
    assertThat(date.origin()).isEqualTo(DateOrigin.QUICKTIME_DAY);
    assertThat(date.origin().isWeak()).isTrue();
    assertThat(date.local()).isEqualTo(LocalDateTime.parse("2018-07-04T12:00:00"));
  }

  @Test
  void theUserDataDateIsReadInEachOfItsSpellings() throws IOException {
    byte[] itunes = concat(ftyp("mp42"), moov(null, ilst(itunesItem("\u00a9day", "2016-01-03T21:23:39-0800"))));
    CaptureDate a = dateOf("a.mp4", itunes);
    assertThat(a.origin()).isEqualTo(DateOrigin.QUICKTIME_DAY);
    assertThat(a.local()).isEqualTo(LocalDateTime.parse("2016-01-03T21:23:39"));
    assertThat(a.offset()).isEqualTo(ZoneOffset.ofHours(-8));
    CaptureDate b = dateOf("b.mp4", concat(ftyp("mp42"), moov(null, box("date", "2020-05-06T07:08:09+0200".getBytes()))));
    assertThat(b.origin()).isEqualTo(DateOrigin.QUICKTIME_DAY);
    assertThat(b.local()).isEqualTo(LocalDateTime.parse("2020-05-06T07:08:09"));
    CaptureDate c = dateOf("c.mov", concat(moov(null, qtString("\u00a9day", "2011-02-03")))); // moov first, too
    assertThat(c.local().toLocalDate()).hasToString("2011-02-03");
  }

  /** Editors write a year or a month where they know no day; a period is read as its first day. */
  @ParameterizedTest(name = "{0} -> {1}")
  @org.junit.jupiter.params.provider.CsvSource({"2019, 2019-01-01T12:00", "2019-05, 2019-05-01T12:00",
      "20190504, 2019-05-04T12:00", "2019/05/04, 2019-05-04T12:00"})
  void aUserDataDayOfAYearOrAMonthDatesTheMovie(String written, String expected) throws IOException {
    for (byte[] item : new byte[][] {qtString("\u00a9day", written), ilst(itunesItem("\u00a9day", written))}) {
      CaptureDate date = dateOf("clip" + written.replace('/', '-') + item.length + ".mp4", concat(ftyp("mp42"), moov(null, item)));
      assertThat(date.origin()).as(written).isEqualTo(DateOrigin.QUICKTIME_DAY);
      assertThat(date.local()).as(written).isEqualTo(LocalDateTime.parse(expected));
    }
  }

  /** ffmpeg copies creation_time into ©day as UTC ("…Z"): a UTC time, put in the zone of the place. */
  @Test
  void aUserDataTimeInUtcTakesTheZoneOfThePlace() throws IOException {
    PlaceZones tokyo = place -> Optional.of(ZoneId.of("Asia/Tokyo"));
    CaptureDateReader berlin = new CaptureDateReader(ZoneId.of("Europe/Berlin"), clock, tokyo);
    byte[] movie = concat(ftyp("mp42"), moov(null, qtString("\u00a9day", "2019-06-30T16:30:00Z"), loci(35.68, 139.69)));
    Inspection inspection = new MediaInspector(ZoneId.of("Europe/Berlin"), clock).inspect(writeFile("tokyo.mp4", movie));
    CaptureDate date = berlin.date(inspection, "tokyo.mp4", FileTime.from(NOW));
    assertThat(date.origin()).isEqualTo(DateOrigin.QUICKTIME_DAY);
    assertThat(date.local()).isEqualTo(LocalDateTime.parse("2019-07-01T01:30:00"));
    assertThat(date.zone().reason()).isEqualTo(LocalZone.Reason.GPS);
  }

  private Path writeFile(String name, byte[] content) throws IOException {
    return Files.write(dir.resolve(name), content);
  }

  @Test
  void theUserDataDateComesAfterTheNameAndAfterEveryHeaderDate() throws IOException {
    byte[] dayOnly = concat(ftyp("mp42"), moov(null, qtString("\u00a9day", "2018-07-04")));
    assertThat(dateOf("VID_20190102_030405.mp4", dayOnly).origin()).isEqualTo(DateOrigin.FILENAME);
    byte[] withHeader = concat(ftyp("mp42"), moov(SHOT, qtString("\u00a9day", "2018-07-04")));
    CaptureDate date = dateOf("clip.mp4", withHeader);
    assertThat(date.origin()).isEqualTo(DateOrigin.QUICKTIME_UTC);
    Inspection inspection = inspect("clip2.mp4", withHeader);
    assertThat(reader.beaten(inspection, "clip2.mp4", FileTime.from(NOW.minusSeconds(3600)), date))
        .contains("quicktime-day 2018-07-04 12:00:00");
  }

  @Test
  void theCamcordersMdpmDateDatesAnAvchdClipAsTheCameraWroteIt() throws IOException {
    for (int packet : new int[] {188, 192}) {
      byte[] clip = TransportStream.withMdpm(LocalDateTime.parse("2019-04-24T22:24:00"), 120, true, packet);
      Inspection inspection = inspect("00001-" + packet + ".MTS", clip);
      assertThat(inspection.type()).isEqualTo(MediaType.VIDEO);
      CaptureDate date = reader.date(inspection, "00001.MTS", FileTime.from(NOW));
      assertThat(date.origin()).as("packets of %d", packet).isEqualTo(DateOrigin.H264_MDPM);
      assertThat(date.local()).isEqualTo(LocalDateTime.parse("2019-04-24T22:24:00"));
      assertThat(date.offset()).isEqualTo(ZoneOffset.ofHours(2));
      assertThat(date.zone().reason()).isEqualTo(LocalZone.Reason.AS_WRITTEN);
    }
    // emulation-prevention bytes (00 00 03) in the digits, a negative half-hour offset, a name with another date
    byte[] clip = TransportStream.withMdpm(LocalDateTime.parse("2021-01-01T00:00:01"), -(3 * 60 + 30), false, 192);
    CaptureDate date = dateOf("20200101_120000.m2ts", clip);
    assertThat(date.local()).isEqualTo(LocalDateTime.parse("2021-01-01T00:00:01"));
    assertThat(date.offset()).isEqualTo(ZoneOffset.ofHoursMinutes(-3, -30));
  }

  @Test
  void aTransportStreamWithoutMdpmFallsBackToTheNextRule() throws IOException {
    byte[] clip = TransportStream.withMdpm(LocalDateTime.parse("2019-04-24T22:24:00"), 0, false, 188);
    byte[] broken = clip.clone();
    for (int i = 0; i < broken.length - 4; i++) {
      if (broken[i] == 'M' && broken[i + 1] == 'D' && broken[i + 2] == 'P' && broken[i + 3] == 'M') {
        broken[i] = 'X';
      }
    }
    CaptureDate date = dateOf("00002.MTS", broken);
    assertThat(date.origin()).isEqualTo(DateOrigin.MTIME);
  }

  @Test
  void placesAreReadFromQuickTimeAnd3gppBoxes() throws IOException {
    Inspection xyz = inspect("a.mov", concat(ftyp("qt  "), moov(SHOT, qtString("\u00a9xyz", "+40.7128-074.0060+010.000/"))));
    assertThat(xyz.place().latitude()).isCloseTo(40.7128, offset(1e-6));
    assertThat(xyz.place().longitude()).isCloseTo(-74.006, offset(1e-6));
    Inspection lociBox = inspect("b.3gp", concat(ftyp("3gp4"), moov(SHOT, loci(-33.8688, 151.2093))));
    assertThat(lociBox.place().latitude()).isCloseTo(-33.8688, offset(1e-4));
    assertThat(lociBox.place().longitude()).isCloseTo(151.2093, offset(1e-4));
    Inspection none = inspect("c.mp4", concat(ftyp("mp42"), moov(SHOT, qtString("\u00a9xyz", "+00.0000+000.0000/"))));
    assertThat(none.place()).as("0,0 is no fix").isNull();
  }

  @Test
  void iso6709IsReadInDegreesMinutesAndSeconds() {
    assertThat(GeoPosition.iso6709("+40.7128-074.0060/")).contains(new GeoPosition(40.7128, -74.006));
    GeoPosition dm = GeoPosition.iso6709("+4042.768-07400.360/").orElseThrow();
    assertThat(dm.latitude()).isCloseTo(40.7128, offset(1e-4));
    GeoPosition dms = GeoPosition.iso6709("-334012.5+1511233.5/").orElseThrow();
    assertThat(dms.latitude()).isCloseTo(-33.67014, offset(1e-4));
    assertThat(dms.longitude()).isCloseTo(151.20931, offset(1e-4));
    assertThat(GeoPosition.iso6709("+95.0000+000.1000/")).isEmpty();
    assertThat(GeoPosition.iso6709("nowhere")).isEmpty();
  }

  @Test
  void hostileBoxTreesEndTheWalkWithoutAnError() throws IOException {
    // a million tiny boxes inside udta, a box claiming more than its parent, a 64-bit size of zero
    byte[] many = new byte[8 * 200_000];
    ByteBuffer b = ByteBuffer.wrap(many);
    while (b.hasRemaining()) {
      b.putInt(8).put("free".getBytes());
    }
    Inspection a = inspect("a.mp4", concat(ftyp("mp42"), moov(SHOT, many, qtString("\u00a9day", "2018-07-04"))));
    assertThat(a.type()).isEqualTo(MediaType.VIDEO);
    byte[] liar = concat(ftyp("mp42"), box("moov", mvhd(SHOT), ByteBuffer.allocate(8).putInt(1 << 30).put("udta".getBytes()).array()));
    assertThat(inspect("b.mp4", liar).type()).isEqualTo(MediaType.VIDEO);
    byte[] zero64 = concat(ftyp("mp42"), ByteBuffer.allocate(16).putInt(1).put("moov".getBytes()).putLong(0).array());
    assertThat(inspect("c.mp4", zero64).problems()).isNotNull();
  }

  @Test
  void zonesAreReadBackFromTheLedgerAsStored() {
    LocalZone gps = new LocalZone(ZoneId.of("America/New_York"), LocalZone.Reason.GPS, new GeoPosition(40.7128, -74.006));
    assertThat(LocalZone.fromLedger("America/New_York", gps.reasonLabel())).contains(gps);
    assertThat(LocalZone.fromLedger(null, "as-written")).contains(LocalZone.asWritten(null));
    assertThat(LocalZone.fromLedger(null, null)).isEmpty();
  }
}
