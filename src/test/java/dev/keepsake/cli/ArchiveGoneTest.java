package dev.keepsake.cli;

import static dev.keepsake.testing.JpegFixture.jpeg;
import static dev.keepsake.testing.SyncthingPair.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keepsake.app.FolderPaths;
import dev.keepsake.app.Service;
import dev.keepsake.testing.ServiceRounds;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archive disk goes away while the service runs: Keepsake must not recreate the archive root on
 * the system disk, must say so on /healthz, and must catch up once the disk is back.
 */
@Tag("reliability")
@Timeout(600)
class ArchiveGoneTest {
  @TempDir Path tmp;

  private int health(Service runner) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + runner.server().address().getPort() + "/healthz")).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  private String statusBody(Service runner) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + runner.server().address().getPort() + "/api/status")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

  @Test
  void anUnmountedArchiveIsNotRecreatedAndIsCaughtUpWhenBack() throws Exception {
    Path phone = Files.createDirectories(tmp.resolve("phone"));
    Path archive = Files.createDirectory(tmp.resolve("archive"));
    Path config = Files.writeString(tmp.resolve("k.yaml"), """
        archive: { root: archive, zone: UTC }
        sources: { phone: { path: phone } }
        ledger: state/ledger.db
        settle: 1s
        server: { listen: "127.0.0.1:0" }
        """);
    ConfigSources.Loaded loaded = ConfigSources.load(config, null, null, FolderPaths.WhenUnknown.WAIT);
    var warnings = new ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent>();
    warnings.start();
    var ingestLog = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(dev.keepsake.ingest.IngestService.class);
    ingestLog.addAppender(warnings);
    Service runner = Service.start(loaded.ingest(), loaded.service(), null, loaded.notifications(), Clock.systemUTC());
    try {
      Files.write(phone.resolve("IMG_1.jpg"), jpeg().original("2023:09:16 12:34:56").bytes());
      waitUntil(Duration.ofSeconds(15), "IMG_1 is archived", () -> Files.exists(archive.resolve("2023/09/IMG_1.jpg")));

      Path unplugged = tmp.resolve("unplugged");
      Files.move(archive, unplugged); // the disk is unmounted
      waitUntil(Duration.ofSeconds(15), "an idle service says so too, and claims no safety", () -> {
        try {
          return health(runner) == 503 && statusBody(runner).contains("phone: NOT safe: the archive cannot be used now");
        } catch (Exception e) {
          return false;
        }
      });
      Files.write(phone.resolve("IMG_2.jpg"), jpeg().original("2023:10:01 08:00:00").bytes());
      waitUntil(Duration.ofSeconds(15), "/healthz reports it", () -> {
        try {
          return health(runner) == 503;
        } catch (Exception e) {
          return false;
        }
      });
      ServiceRounds.waitFor(runner, ServiceRounds.INGEST, 2, Duration.ofSeconds(30)); // more rounds find it gone: none recreates it
      assertThat(archive).doesNotExist();
      assertThat(warnings.list.stream().filter(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN)
          .map(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage).filter(m -> m.contains("not ingesting until it is back")))
          .as("the missing archive is logged once, not every round").hasSize(1);

      Files.move(unplugged, archive); // mounted again
      waitUntil(Duration.ofSeconds(30), "IMG_2 is archived once the disk is back",
          () -> Files.exists(archive.resolve("2023/10/IMG_2.jpg")));
      waitUntil(Duration.ofSeconds(10), "/healthz is ok again", () -> {
        try {
          return health(runner) == 200;
        } catch (Exception e) {
          return false;
        }
      });
    } finally {
      runner.close();
      ingestLog.detachAppender(warnings);
    }
  }
}
