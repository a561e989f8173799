package dev.keepsake.notify;

import static dev.keepsake.testing.JpegFixture.jpeg;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keepsake.app.Keepsake;
import dev.keepsake.ingest.IngestListener;
import dev.keepsake.ingest.IngestOptions;
import dev.keepsake.ledger.Ledger;
import dev.keepsake.ledger.ReportQueries;
import dev.keepsake.source.Source;
import dev.keepsake.testing.FakeClock;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class WeeklyReportTest {
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  @TempDir Path tmp;

  @Test
  void reportPartsAgreeWithALedgerFilledByARealIngest() throws Exception {
    Path phone = Files.createDirectories(tmp.resolve("phone/DCIM"));
    Path archive = Files.createDirectory(tmp.resolve("archive"));
    FakeClock clock = new FakeClock(Instant.parse("2026-11-20T10:00:00Z"));
    for (int i = 0; i < 3; i++) {
      Files.write(phone.resolve("IMG_" + i + ".jpg"), jpeg().original("2023:0" + (i + 1) + ":10 10:00:00").salt("p" + i).bytes());
    }
    Files.write(phone.resolve("copy.jpg"), jpeg().original("2023:01:10 10:00:00").salt("p0").bytes()); // a duplicate
    Path undated = Files.write(phone.resolve("scan.jpg"), jpeg().salt("undated").bytes());
    Files.setLastModifiedTime(undated, FileTime.from(Instant.parse("2020-06-06T06:00:00Z")));
    Files.write(phone.resolve("IMG_20190101_101010.jpg"), jpeg().salt("named").bytes()); // dated by its name
    IngestOptions options = IngestOptions.defaults(archive, BERLIN).withClock(clock);
    Source source = Source.of("pixel", phone.getParent());
    Keepsake.ingestOnce(options, List.of(source), IngestListener.NONE);
    clock.advance(Duration.ofDays(1));
    Files.delete(phone.resolve("IMG_2.jpg")); // the phone deletes one; the archive keeps it
    Keepsake.ingestOnce(options, List.of(source), IngestListener.NONE);
    clock.advance(Duration.ofMinutes(1));

    try (Ledger ledger = Ledger.open(archive.resolve(".keepsake/ledger.db"), clock)) {
      ledger.incidents().save(List.of(new dev.keepsake.ledger.IncidentRow(
          Fingerprint.of("permission-denied", "pixel", "DCIM/x.jpg").key(), clock.instant(), clock.instant(), 7,
          List.of("DCIM/x.jpg"), "permission denied reading DCIM/x.jpg", true, null)));
      MailMessage report = WeeklyReport.build(new ReportQueries(ledger), clock.instant().minus(Duration.ofDays(7)),
          clock.instant(), BERLIN, new WeeklyReport.Extra(5L << 30, "pixel:DCIM/slow.mp4 since 2026-11-21T09:00:00Z"), "nas");

      assertThat(report.subject()).isEqualTo("[keepsake nas] weekly report: 5 files archived, 1 open problem");
      assertThat(report.text())
          .contains("Source pixel:")
          .contains("archived 5 files")
          .contains("photo 5")
          .contains("by capture month: 2019-01: 1, 2020-06: 1, 2023-01: 1, 2023-02: 1, 2023-03: 1")
          .contains("duplicates skipped: 1")
          .contains("deleted on the phone, kept in the archive: 1")
          .contains("dated only by name, user-data day or file time (check these): 2")
          .contains("2020/06/scan.jpg: by the file time, mtime")
          .contains("2019/01/IMG_20190101_101010.jpg: by the file name")
          .contains("permission-denied pixel DCIM/*.jpg — 7× (still open)")
          .contains("Archive: 5 files")
          .contains("5.0 GiB free")
          .contains("Oldest file still waiting: pixel:DCIM/slow.mp4");
      assertThat(report.text().indexOf("scan.jpg: by the file time")) // the weakest first, whatever its path
          .isLessThan(report.text().indexOf("IMG_20190101_101010.jpg: by the file name"));
      assertThat(report.html()).contains("cid:chart").contains("archived").contains("<b>5 files");
      BufferedImage chart = ImageIO.read(new ByteArrayInputStream(report.chartPng()));
      assertThat(chart.getWidth()).isEqualTo(BarChart.WIDTH);
      assertThat(chart.getHeight()).isEqualTo(BarChart.HEIGHT);
    }
  }

  @Test
  void theScheduleFiresOncePerWeekAtLocalTimeAcrossDaylightSaving() throws Exception {
    FakeClock clock = new FakeClock(Instant.parse("2026-01-01T00:00:00Z"));
    Path outbox = tmp.resolve("outbox");
    List<Instant> sent = new ArrayList<>();
    try (Ledger ledger = Ledger.open(tmp.resolve("ledger.db"), clock)) {
      OutboxTransport transport = new OutboxTransport(outbox, "keepsake@nas", List.of("me@home"), clock);
      WeeklyReportJob job = new WeeklyReportJob(ledger, transport, DayOfWeek.MONDAY, LocalTime.of(8, 0), BERLIN,
          () -> new WeeklyReport.Extra(0, null, List.of("pixel: safe to delete everything up to Mon 8:00")), "nas")
          .withPush(List.of("ntfy"));
      for (int hour = 0; hour < 365 * 24; hour++) {
        clock.advance(Duration.ofHours(1));
        if (job.tick(clock.instant()) != null) {
          sent.add(clock.instant());
        }
      }
    }
    assertThat(sent).hasSize(52);
    try (Ledger ledger = Ledger.open(tmp.resolve("ledger.db"), clock)) {
      var pushes = ledger.outgoing().pending("ntfy", 100);
      assertThat(pushes).as("one line a week for the push channel (the notifier delivers them)").hasSize(52);
      assertThat(pushes.get(0).body()).startsWith("weekly report: 0 files archived").contains("pixel: safe to delete");
      assertThat(pushes.get(0).priority()).isEqualTo("LOW");
    }
    for (Instant when : sent) {
      ZonedDateTime local = when.atZone(BERLIN);
      assertThat(local.getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
      assertThat(local.getHour()).isEqualTo(8); // 08:00 slot, sent by the hourly tick at 08:00 local, summer or winter
    }
    try (Stream<Path> files = Files.list(outbox)) {
      assertThat(files.filter(p -> p.toString().endsWith(".eml"))).hasSize(52);
    }
  }
}
